// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QWidget>

#include <memory>

namespace Tandem::Store {
class Workspace;
}

namespace Tandem::Compare {
class Comparison;
}

namespace Tandem::Ui {

/// One tab of the Compare view (Metrics, Curves, Confusion, Hyperparameters,
/// Importance). The view reads the Comparison once, off the GUI thread, and hands
/// the same object to every page; a page that needs more (curves, predictions,
/// importances) reads it itself off the GUI thread through
/// `workspace->openStore()`. Runs keep their colour in every page: draw run `id` in
/// RunColors::forRun(id, palette()).
class ComparePage : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;

    /// The runs to show, in the order the user chose them (`comparison->runs()` is
    /// in the same order). Called again whenever the compared runs change (runs
    /// added or removed); `comparison` is immutable and may be read from any thread.
    virtual void setComparison(std::shared_ptr<const Store::Workspace> workspace, QList<qint64> runIds,
        std::shared_ptr<const Compare::Comparison> comparison)
        = 0;
    /// The tab's title ("Metrics").
    virtual QString title() const = 0;
    /// True while the page still reads what it shows off the GUI thread (for
    /// screenshots and tests that wait until the view has settled).
    virtual bool isLoading() const { return false; }
};

} // namespace Tandem::Ui
