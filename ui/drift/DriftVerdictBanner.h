// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QAction;
class QLabel;

namespace Tandem::Drift {
struct DriftAnalysis;
}

namespace Tandem::Ui {

/// The dataset-level verdict of a drift analysis in one line, tinted red or
/// green with its badge: how many features drifted against the drift share, how
/// many alerts; with buttons for the actions that follow (Export HTML…, Retrain…).
class DriftVerdictBanner : public QFrame
{
    Q_OBJECT
public:
    DriftVerdictBanner(const QList<QAction *> &actions, QWidget *parent = nullptr);

    void setAnalysis(const Drift::DriftAnalysis &analysis, int alerts);
    QString text() const;
    bool showsDrift() const { return m_drift; }

private:
    QLabel *m_icon;
    QLabel *m_text;
    bool m_drift = false;
};

} // namespace Tandem::Ui
