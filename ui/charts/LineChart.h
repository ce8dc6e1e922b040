// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPointF>
#include <QString>
#include <QWidget>

class QChart;
class QChartView;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace Tandem::Ui {

/// A line chart of a few named series (a learning curve: loss per step). Part of
/// ui/charts/, the one folder that talks to Qt Charts: views hand it plain points.
/// Updating with series of the same names replaces their points in place
/// (QXYSeries::replace), so a live curve can be refreshed every second cheaply.
class LineChart : public QWidget
{
    Q_OBJECT
public:
    struct Series {
        QString name;
        QList<QPointF> points;
    };

    explicit LineChart(QWidget *parent = nullptr);

    /// Shows `series` (in order, each in its own colour) under `title`, with the
    /// axes named `xTitle` and `yTitle`.
    void setSeries(const QString &title, const QList<Series> &series, const QString &xTitle, const QString &yTitle);
    /// Shows `message` instead of a chart ("No per-step metrics for this run").
    void showMessage(const QString &message);

    int seriesCount() const { return int(m_series.size()); }
    QStringList seriesNames() const;
    /// Points of series `index` as last set.
    QList<QPointF> points(int index) const;
    bool showsMessage() const;
    QString message() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();
    void clearSeries();

    QChart *m_chart;
    QChartView *m_view;
    QLabel *m_message;
    QValueAxis *m_xAxis;
    QValueAxis *m_yAxis;
    QList<QLineSeries *> m_series;
    QList<Series> m_data;
};

} // namespace Tandem::Ui
