// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"

#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>
#include <type_traits>

namespace Tandem::Ui {

/// How a Compare page reads what the Comparison does not hold (per-step metrics,
/// predictions, importances): `read(store)` runs on `pool` (the page's own worker)
/// over a store connection opened and closed there, then `apply(result)` runs on
/// `receiver`'s thread, always after readInBackground() has returned (a read that
/// ends at once is posted, not applied inside the call), and not at all once
/// `receiver` is gone. Pages compare a generation number in `apply` to drop the
/// answers of reads they no longer want.
template<typename Read, typename Apply>
void readInBackground(
    QThreadPool &pool, QObject *receiver, std::shared_ptr<const Store::Workspace> workspace, Read read, Apply apply)
{
    using Value = std::invoke_result_t<Read, const Store::ExperimentStore &>;
    QPointer<QObject> guard(receiver);
    QtConcurrent::run(&pool, [workspace = std::move(workspace), read = std::move(read)]() -> Value {
        auto store = workspace->openStore();
        if (!store.ok())
            return Value(store.error());
        return read(*store.value());
    }).then(receiver, [guard, apply = std::move(apply)](Value value) {
        if (!guard)
            return;
        QMetaObject::invokeMethod(
            guard.data(),
            [guard, apply, value = std::move(value)]() mutable {
                if (guard)
                    apply(std::move(value));
            },
            Qt::QueuedConnection);
    });
}

} // namespace Tandem::Ui
