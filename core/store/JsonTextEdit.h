// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Tandem::Store {

/// Replaces the string value at `keyPath` (object keys from the top level, e.g.
/// {"dataset", "path"}) in the JSON text `json` with `value`, leaving every other
/// byte as it was: a file a person laid out keeps its order, indentation and
/// number spellings, which parsing and writing it again would not. The result is
/// checked by parsing both texts: it must be the same document but for that one
/// string. Errors: text that is not a JSON object, a path that leads nowhere or to
/// something other than a string. `source` names the text in messages.
Base::Result<QByteArray> replaceJsonString(
    const QByteArray &json, const QStringList &keyPath, const QString &value, const QString &source = {});

} // namespace Tandem::Store
