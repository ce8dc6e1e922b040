// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QWidget>

class QChart;
class QChartView;
class QLabel;

namespace Tandem::Ui {

/// A bar chart with exact values on hover. Part of ui/charts/, the one folder that
/// talks to Qt Charts: views hand it plain bars, so a later move to Qt Graphs
/// touches this folder only.
class BarChart : public QWidget
{
    Q_OBJECT
public:
    struct Bar {
        QString label; ///< on the category axis (may be thinned out when crowded)
        double value = 0.0;
        QString toolTip; ///< shown on hover; the label and value when empty
    };

    explicit BarChart(QWidget *parent = nullptr);

    /// Replaces the bars. `valueTitle` names the value axis ("rows").
    void setBars(const QString &title, const QList<Bar> &bars, const QString &valueTitle);
    /// Shows `message` instead of a chart ("No values to chart").
    void showMessage(const QString &message);

    int barCount() const { return int(m_bars.size()); }
    /// The text of the last hover tooltip (tests, accessibility).
    QString lastHoverText() const { return m_lastHover; }
    /// Simulates hovering bar `index`, as the mouse would.
    void hoverBar(int index);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();

    QChart *m_chart;
    QChartView *m_view;
    QLabel *m_message;
    QList<Bar> m_bars;
    QString m_lastHover;
};

} // namespace Tandem::Ui
