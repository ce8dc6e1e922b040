// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/bundle/BundleManifest.h"
#include "core/store/RunRecord.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Tandem::Ui {

/// The Runs view's Export Model…: where to write the run's bundle and whether to
/// refit on every row (as `tandem-cli export` does by default) or keep the model
/// the run evaluated (`--no-refit`, only for a holdout run: a cross-validated run
/// fitted one model per fold and none of them is the run's, so it always refits).
class ExportModelDialog : public QDialog
{
    Q_OBJECT
public:
    /// `defaultPath`: the file proposed (defaultBundlePath).
    ExportModelDialog(const Store::RunRecord &run, const QString &defaultPath, QWidget *parent = nullptr);

    /// `<models folder>/<run name or model>.tandem`, numbered so as not to replace a file.
    static QString defaultBundlePath(const QString &workspacePath, const Store::RunRecord &run);

    QString path() const;
    Bundle::FitScope scope() const;
    /// True when the run can keep its evaluated model (a holdout run).
    bool canKeepEvaluatedModel() const { return m_holdout; }

    QLineEdit *pathField() const { return m_path; }
    QCheckBox *refitBox() const { return m_refit; }

    /// Accepts as the Export button does, without asking to replace an existing
    /// file (tests; the button asks).
    void acceptWithoutAsking();

private:
    void browse();
    void updateNote();
    void tryAccept();

    bool m_holdout = false;
    QString m_confirmedPath;
    QLineEdit *m_path;
    QCheckBox *m_refit;
    QLabel *m_note;
    QPushButton *m_export;
};

} // namespace Tandem::Ui
