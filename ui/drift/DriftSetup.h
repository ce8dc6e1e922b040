// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Column.h"
#include "core/drift/DriftTest.h"

#include <QList>
#include <QWidget>

#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace Tandem::Ui {

/// Where the predictions of the performance and prediction drift come from.
enum class PredictionSource : quint8 {
    None,
    Column, ///< a column of logged predictions in both files
    RunModel, ///< the model of the run whose training data is the reference (refit)
    BundleFile, ///< a .tandem model bundle
};

/// The Drift view's options as chosen.
struct DriftChoice {
    /// Unset: each feature's default test (Evidently's rule).
    std::optional<Drift::DriftTest> test;
    QString target;
    QString time;
    PredictionSource predictions = PredictionSource::None;
    QString predictionColumn;
    QString bundlePath;
    int windows = 10;
    double driftShare = 0.5;
};

/// The options of a drift analysis: the test for every feature (Auto: the
/// documented defaults), the target and time columns, where predictions come
/// from, the number of time windows and the drift share of the dataset verdict.
/// The column lists follow the reference's columns once it is read.
class DriftSetup : public QWidget
{
    Q_OBJECT
public:
    explicit DriftSetup(QWidget *parent = nullptr);

    /// The reference's columns and their types: the target, time and prediction choices.
    void setColumns(const QStringList &names, const QList<Data::ColumnType> &types);
    /// Offers the reference run's model for the predictions (`runId` empty: no run).
    void setReferenceRun(std::optional<qint64> runId, const QString &target);

    DriftChoice choice() const;
    void setTest(std::optional<Drift::DriftTest> test);
    void setTarget(const QString &column);
    void setTime(const QString &column);
    void setPredictionColumn(const QString &column);
    void setBundle(const QString &path);
    /// The reference run's model makes the predictions (when the reference is a run).
    void setRunModel();
    void setWindows(int windows);
    void setDriftShare(double share);

    QComboBox *testBox() const { return m_test; }
    QComboBox *targetBox() const { return m_target; }
    QComboBox *timeBox() const { return m_time; }
    QComboBox *predictionsBox() const { return m_predictions; }
    QSpinBox *windowsBox() const { return m_windows; }

Q_SIGNALS:
    void changed();

private:
    void fillColumnBox(QComboBox *box, const QStringList &names, const QString &keep);
    void fillPredictions(const QString &keepColumn);
    void predictionsActivated(int index);

    QStringList m_names;
    QList<Data::ColumnType> m_types;
    std::optional<qint64> m_runId;
    QString m_bundlePath;
    QComboBox *m_test;
    QComboBox *m_target;
    QComboBox *m_time;
    QComboBox *m_predictions;
    QSpinBox *m_windows;
    QDoubleSpinBox *m_share;
};

} // namespace Tandem::Ui
