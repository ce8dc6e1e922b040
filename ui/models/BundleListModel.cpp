// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/BundleListModel.h"

#include "ui/compare/CompareFormat.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QStyle>
#include <QTimeZone>

namespace Tandem::Ui {
namespace {

QString classesText(const Bundle::BundleManifest &manifest)
{
    if (manifest.task != Learn::Task::Classification)
        return QStringLiteral("–");
    return QStringLiteral("%1: %2").arg(manifest.classes.size()).arg(manifest.classes.join(QStringLiteral(", ")));
}

QString runText(const Bundle::BundleManifest &manifest)
{
    if (!manifest.runId)
        return QStringLiteral("–");
    return manifest.runName.isEmpty() ? QStringLiteral("#%1").arg(*manifest.runId)
                                      : QStringLiteral("#%1 %2").arg(*manifest.runId).arg(manifest.runName);
}

/// Every metric with the evaluation that measured it, one a line.
QString metricsTooltip(const Bundle::BundleManifest &manifest)
{
    QStringList lines;
    if (!manifest.evaluation.isEmpty())
        lines << manifest.evaluation;
    for (auto it = manifest.metrics.cbegin(); it != manifest.metrics.cend(); ++it)
        lines << QStringLiteral("%1  %2").arg(it.key(), compareMetricText(it.value()));
    return lines.join(QLatin1Char('\n'));
}

} // namespace

BundleListModel::BundleListModel(QObject *parent) : QAbstractTableModel(parent) { }

void BundleListModel::setEntries(QList<BundleEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

const BundleEntry *BundleListModel::entry(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries.at(row) : nullptr;
}

int BundleListModel::rowOf(const QString &path) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).path == path)
            return row;
    }
    return -1;
}

int BundleListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int BundleListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString BundleListModel::metricsText(const Bundle::BundleManifest &manifest, int count)
{
    QStringList names;
    for (const QString &name : leadingMetrics(manifest.task)) {
        if (manifest.metrics.contains(name))
            names << name;
    }
    for (auto it = manifest.metrics.cbegin(); it != manifest.metrics.cend(); ++it) {
        if (!names.contains(it.key()))
            names << it.key();
    }
    QStringList parts;
    for (const QString &name : names.mid(0, count))
        parts << QStringLiteral("%1 %2").arg(name, compareMetricText(manifest.metrics.value(name)));
    return parts.isEmpty() ? QStringLiteral("–") : parts.join(QStringLiteral(" · "));
}

QVariant BundleListModel::data(const QModelIndex &index, int role) const
{
    const BundleEntry *e = entry(index.row());
    if (!e || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    if (role == PathRole)
        return e->path;
    if (role == FailedRole)
        return !e->loaded();
    const int column = index.column();

    if (!e->loaded()) {
        switch (role) {
        case Qt::DisplayRole:
        case SortRole:
            if (role == SortRole && column == Created)
                return QDateTime::fromMSecsSinceEpoch(0, QTimeZone::utc()); // after every bundle, newest first
            if (column == Name)
                return e->name();
            if (column == Model)
                return tr("Cannot be used: %1").arg(e->error);
            if (column == Size)
                return role == SortRole ? QVariant(e->size)
                                        : QVariant(e->size < 0 ? QString() : QLocale().formattedDataSize(e->size));
            return {};
        case Qt::ToolTipRole: return QStringLiteral("%1\n%2").arg(QDir::toNativeSeparators(e->path), e->error);
        case Qt::DecorationRole:
            if (column == Name)
                return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
            return {};
        default: return {};
        }
    }

    const Bundle::BundleManifest &m = *e->manifest;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Name: return e->name();
        case Model: return m.modelName;
        case Task: return Learn::taskName(m.task);
        case Target: return m.target;
        case Classes: return classesText(m);
        case Metrics: return metricsText(m, 2);
        case Dataset: return m.datasetPath.isEmpty() ? QStringLiteral("–") : QFileInfo(m.datasetPath).fileName();
        case Created: return QLocale().toString(m.createdAt.toLocalTime(), QLocale::ShortFormat);
        case Run: return runText(m);
        case Size: return QLocale().formattedDataSize(e->size);
        default: return {};
        }
    case SortRole:
        switch (column) {
        case Created: return m.createdAt;
        case Size: return e->size;
        case Classes: return m.classes.size();
        case Run: return m.runId ? QVariant(*m.runId) : QVariant(qint64(0));
        default: return data(index, Qt::DisplayRole);
        }
    case Qt::ToolTipRole:
        switch (column) {
        case Name:
            return e->added ? tr("%1\nAdded to this list by hand").arg(QDir::toNativeSeparators(e->path))
                            : QDir::toNativeSeparators(e->path);
        case Model: return QStringLiteral("%1 (%2)").arg(m.modelName, m.modelId);
        case Classes: return m.classes.join(QLatin1Char('\n'));
        case Metrics: return metricsTooltip(m);
        case Dataset:
            return tr("%1\nfingerprint %2").arg(QDir::toNativeSeparators(m.datasetPath), m.datasetFingerprint);
        case Created:
            return tr("%1, with Tandem %2").arg(m.createdAt.toLocalTime().toString(Qt::ISODate), m.appVersion);
        case Run:
            return m.workspace.isEmpty() ? QVariant()
                                         : tr("in workspace %1").arg(QDir::toNativeSeparators(m.workspace));
        default: return {};
        }
    case Qt::TextAlignmentRole:
        if (column == Size)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default: return {};
    }
}

QVariant BundleListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Name");
    case Model: return tr("Model");
    case Task: return tr("Task");
    case Target: return tr("Target");
    case Classes: return tr("Classes");
    case Metrics: return tr("Metrics");
    case Dataset: return tr("Trained on");
    case Created: return tr("Created");
    case Run: return tr("Run");
    case Size: return tr("Size");
    default: return {};
    }
}

} // namespace Tandem::Ui
