// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/charts/InteractiveChartView.h"

#include <QApplication>
#include <QChart>
#include <QTest>
#include <QWheelEvent>

namespace Tandem::Ui::ChartTestSupport {

/// Where the data point `value` of `series` is on the view's viewport.
inline QPoint viewportPosition(InteractiveChartView *view, const QPointF &value, QAbstractSeries *series = nullptr)
{
    const QPointF chartPosition = view->chart()->mapToPosition(value, series);
    return view->mapFromScene(view->chart()->mapToScene(chartPosition));
}

/// The data value under `position` of the viewport.
inline QPointF valueAt(InteractiveChartView *view, const QPoint &position, QAbstractSeries *series = nullptr)
{
    return view->chart()->mapToValue(view->chart()->mapFromScene(view->mapToScene(position)), series);
}

/// One wheel turn of `notches` (positive: away from the user, zooming in) at `position`.
inline void wheel(InteractiveChartView *view, const QPoint &position, int notches, Qt::KeyboardModifiers modifiers = {})
{
    QWheelEvent event(QPointF(position), QPointF(view->viewport()->mapToGlobal(position)), QPoint(),
        QPoint(0, 120 * notches), Qt::NoButton, modifiers, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view->viewport(), &event);
}

/// The centre of the plot area on the viewport.
inline QPoint plotCentre(InteractiveChartView *view)
{
    return view->mapFromScene(view->chart()->mapToScene(view->chart()->plotArea().center()));
}

} // namespace Tandem::Ui::ChartTestSupport
