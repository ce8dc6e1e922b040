// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/RunStatus.h"

#include <array>
#include <utility>

namespace Tandem::Store {
namespace {

constexpr std::array<std::pair<RunStatus, const char *>, 6> names {
    {{RunStatus::Queued, "queued"}, {RunStatus::Running, "running"}, {RunStatus::Done, "done"},
        {RunStatus::Failed, "failed"}, {RunStatus::Cancelled, "cancelled"}, {RunStatus::Interrupted, "interrupted"}}};

} // namespace

QString runStatusName(RunStatus status)
{
    for (const auto &[value, name] : names) {
        if (value == status)
            return QLatin1String(name);
    }
    return {};
}

std::optional<RunStatus> runStatusFromName(const QString &name)
{
    for (const auto &[value, text] : names) {
        if (name == QLatin1String(text))
            return value;
    }
    return std::nullopt;
}

bool isFinal(RunStatus status)
{
    return status != RunStatus::Queued && status != RunStatus::Running;
}

} // namespace Tandem::Store
