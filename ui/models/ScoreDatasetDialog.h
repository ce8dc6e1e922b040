// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/bundle/BundleManifest.h"

#include <QDialog>
#include <QStringList>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;

namespace Tandem::Ui {

/// The Models view's Score Dataset…: which dataset to score with a bundle (one of
/// the Datasets view's, or a file), with the probability of each class or not,
/// and whether categories the model never saw stop the scoring. It says which
/// columns the data needs and where the result will be saved.
class ScoreDatasetDialog : public QDialog
{
    Q_OBJECT
public:
    /// `datasets`: absolute paths to offer; `current` is chosen first when listed.
    /// `outputFor` names the file the result would be saved as, for the data chosen.
    ScoreDatasetDialog(const QString &bundleName, const Bundle::BundleManifest &manifest, const QStringList &datasets,
        const QString &current, std::function<QString(const QString &)> outputFor, QWidget *parent = nullptr);

    QString dataPath() const;
    bool probabilities() const;
    bool allowUnknownCategories() const;

    QComboBox *datasetBox() const { return m_datasets; }
    /// Adds `path` to the choices (if new) and chooses it: what Choose File… does.
    void chooseFile(const QString &path);

private:
    void updateOutput();

    std::function<QString(const QString &)> m_outputFor;
    bool m_classification = false;
    QComboBox *m_datasets;
    QCheckBox *m_probabilities;
    QCheckBox *m_unknown;
    QLabel *m_output;
    QPushButton *m_score;
};

} // namespace Tandem::Ui
