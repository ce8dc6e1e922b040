// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/drift/DriftSource.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QToolButton;

namespace Tandem::Ui {

/// Chooses one side of a drift comparison: a dataset of the workspace, a run's
/// training data (the dataset its RunSpec names), or any file through Browse….
/// Files chosen or set from outside are added to the list.
class DriftSourcePicker : public QWidget
{
    Q_OBJECT
public:
    /// `role` names the side in tooltips and dialogs ("reference").
    DriftSourcePicker(const QString &role, QWidget *parent = nullptr);

    /// The workspace's datasets (absolute paths), listed first.
    void setDatasets(const QStringList &paths);
    /// Runs whose training data can be chosen (their RunSpec's dataset), after the datasets.
    void setRuns(const QList<DriftSource> &runs);
    /// Selects `source`, adding it when it is not listed.
    void setSource(const DriftSource &source);
    /// The chosen side; invalid while nothing is chosen.
    DriftSource source() const;

    QComboBox *comboBox() const { return m_combo; }
    QToolButton *browseButton() const { return m_browse; }

Q_SIGNALS:
    void sourceChanged();

private:
    void rebuild(const DriftSource &keep);
    void browse();

    QString m_role;
    QStringList m_datasets;
    QStringList m_extraFiles; // chosen with Browse… or set from outside
    QList<DriftSource> m_runs;
    QList<DriftSource> m_items; // one per selectable combo entry, in order
    QComboBox *m_combo;
    QToolButton *m_browse;
};

} // namespace Tandem::Ui
