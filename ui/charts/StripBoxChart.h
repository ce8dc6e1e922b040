// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/charts/ChartSurface.h"

#include <QList>
#include <QStringList>

#include <memory>

namespace Tandem::Ui {

class InteractiveChartView;

/// The values of one group (a run's per-fold scores), as plain data.
struct StripGroup {
    QString name;
    qint64 runId = -1; ///< colour from RunColors; when < 0 the colour follows the name
    QList<double> values;
    QStringList pointLabels; ///< per value ("fold 3"); "#1", "#2"... when empty
};

struct StripChartData {
    QString title;
    QString groupTitle;
    QString valueTitle;
    QList<StripGroup> groups;
    /// Where the legend goes: at the bottom, or on the right for many short entries.
    Qt::Alignment legendAlignment = Qt::AlignBottom;
};

/// A box plot per group with its values drawn as points over the box (a strip
/// plot): per-fold scores of runs side by side. Boxes (quartiles, median, Tukey
/// whiskers from Plot::boxStats) are drawn over the plot in data coordinates;
/// the points are a scatter series per group, so the legend hides a run's points
/// and box together. Points are spread sideways by a fixed pattern (the same
/// picture every time), never by chance.
class StripBoxChart : public ChartSurface
{
    Q_OBJECT
public:
    explicit StripBoxChart(QWidget *parent = nullptr);
    ~StripBoxChart() override;

    void setData(StripChartData data);
    const StripChartData &data() const;

    int groupCount() const;
    bool isGroupShown(int group) const;
    void setGroupShown(int group, bool shown);
    /// The box of `group` in chart coordinates (lower to upper quartile); empty when hidden or without values.
    QRectF boxRect(int group) const;
    std::pair<double, double> valueRange() const;

    InteractiveChartView *view() const;

    void renderTo(QPainter &painter, const QRectF &target) override;
    PlotTable plottedTable() const override;
    void resetView() override;
    QString chartTitle() const override;
    bool isZoomable() const override { return true; }
    void setPanMode(bool pan) override;

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tandem::Ui
