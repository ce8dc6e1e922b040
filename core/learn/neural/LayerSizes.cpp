// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/neural/LayerSizes.h"

#include <QStringList>

namespace Tandem::Learn::Neural {

QString LayerSizes::syntax()
{
    return QStringLiteral("comma-separated layer sizes such as 100 or 256,128");
}

Base::Result<std::vector<Eigen::Index>> LayerSizes::parse(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char(','));
    if (text.trimmed().isEmpty())
        return Base::Error(QStringLiteral("give at least one hidden layer size"));
    if (parts.size() > maxLayers)
        return Base::Error(QStringLiteral("%1 layers given, at most %2 are allowed").arg(parts.size()).arg(maxLayers));
    std::vector<Eigen::Index> sizes;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString part = parts[i].trimmed();
        bool ok = false;
        const qlonglong units = part.toLongLong(&ok);
        if (!ok)
            return Base::Error(QStringLiteral("layer %1 (\"%2\") is not a whole number").arg(i + 1).arg(part));
        if (units < 1 || units > maxUnits)
            return Base::Error(
                QStringLiteral("layer %1 has %2 units; each layer needs 1 to %3").arg(i + 1).arg(units).arg(maxUnits));
        sizes.push_back(Eigen::Index(units));
    }
    return sizes;
}

} // namespace Tandem::Learn::Neural
