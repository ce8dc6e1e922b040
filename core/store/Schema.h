// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to tandem_store: the store's schema as a list of migrations.

#include "core/base/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Tandem::Store {

class SqlConnection;

/// One step of the schema: the statements that take a store from version
/// `toVersion - 1` to `toVersion`. Steps are never edited once released; a change
/// is a new step.
struct Migration {
    int toVersion = 0;
    QString summary;
    QStringList statements;
};

/// Every step from an empty file (version 0) to the current version, in order.
const QList<Migration> &schemaMigrations();
/// The version the last step reaches.
int currentSchemaVersion();

/// The store's version as recorded in `meta` (0 for an empty database).
Base::Result<int> readSchemaVersion(SqlConnection &connection);

/// Applies the steps above the store's version, each in its own write transaction
/// that also records the new version, so a failure leaves the store at the last
/// step that succeeded. Safe when several processes open the same old store at once:
/// each step re-reads the version inside its transaction.
Base::Status migrate(SqlConnection &connection, const QList<Migration> &steps = schemaMigrations());

} // namespace Tandem::Store
