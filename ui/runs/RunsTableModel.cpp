// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/runs/RunsTableModel.h"

#include <QColor>
#include <QIcon>
#include <QJsonDocument>
#include <QJsonValue>
#include <QLocale>
#include <QMimeData>
#include <QPainter>
#include <QPixmap>

#include <algorithm>
#include <cmath>
#include <set>

namespace Tandem::Ui {
namespace {

const QString paramPrefix = QStringLiteral("param:");
const QString metricPrefix = QStringLiteral("metric:");

QString modelId(const Store::RunRecord &run)
{
    return run.spec.value(QStringLiteral("model")).toObject().value(QStringLiteral("id")).toString();
}

QIcon statusIcon(Store::RunStatus status)
{
    static QHash<int, QIcon> icons;
    auto it = icons.find(int(status));
    if (it != icons.end())
        return *it;
    QIcon icon;
    for (int size : {12, 16, 24, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const QColor color = RunsTableModel::statusColor(status);
        painter.setPen(QPen(color.darker(130), 1.0));
        painter.setBrush(status == Store::RunStatus::Queued ? QBrush(Qt::transparent) : QBrush(color));
        const qreal m = size * 0.18;
        painter.drawEllipse(QRectF(m, m, size - 2 * m, size - 2 * m));
        painter.end();
        icon.addPixmap(pixmap);
    }
    return *icons.insert(int(status), icon);
}

QString paramText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: return QLocale().toString(value.toDouble(), 'g', 6);
    case QJsonValue::String: return value.toString();
    case QJsonValue::Null:
    case QJsonValue::Undefined: return {};
    default: return QString::fromUtf8(QJsonDocument::fromVariant(value.toVariant()).toJson(QJsonDocument::Compact));
    }
}

} // namespace

RunsTableModel::RunsTableModel(QObject *parent) : QAbstractTableModel(parent) { }

bool RunsTableModel::isParamKey(const QString &key)
{
    return key.startsWith(paramPrefix);
}

bool RunsTableModel::isMetricKey(const QString &key)
{
    return key.startsWith(metricPrefix);
}

bool RunsTableModel::isOptionalKey(const QString &key)
{
    return key == QLatin1String("executor");
}

bool RunsTableModel::hasRunsElsewhere() const
{
    return std::any_of(m_runs.cbegin(), m_runs.cend(),
        [](const Store::RunRecord &run) { return !run.executor.isEmpty() && run.executor != QLatin1String("local"); });
}

QString RunsTableModel::executorText(const QString &executor)
{
    if (executor.isEmpty() || executor == QLatin1String("local"))
        return tr("local"); // runs recorded before executors were, ran here
    if (executor == QLatin1String("slurm"))
        return tr("slurm");
    return executor;
}

QStringList RunsTableModel::columnsFor(const QList<Store::RunRecord> &runs)
{
    std::set<QString> params, metrics;
    for (const Store::RunRecord &run : runs) {
        for (auto it = run.params.begin(); it != run.params.end(); ++it)
            params.insert(it.key());
        for (auto it = run.metrics.begin(); it != run.metrics.end(); ++it)
            metrics.insert(it.key());
    }
    QStringList columns {QStringLiteral("status"), QStringLiteral("name"), QStringLiteral("model"),
        QStringLiteral("experiment"), QStringLiteral("executor")};
    // Metrics before parameters: metrics are what people compare runs by.
    for (const QString &m : metrics)
        columns << metricPrefix + m;
    for (const QString &p : params)
        columns << paramPrefix + p;
    columns << QStringLiteral("started") << QStringLiteral("duration") << QStringLiteral("tags");
    return columns;
}

void RunsTableModel::setRuns(const QList<Store::RunRecord> &runs)
{
    const QStringList columns = columnsFor(runs);
    bool sameRows = columns == m_columns && runs.size() == m_runs.size();
    for (qsizetype i = 0; sameRows && i < runs.size(); ++i)
        sameRows = runs[i].id == m_runs[i].id;
    if (sameRows) {
        m_runs = runs;
        if (!m_runs.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
        return;
    }
    beginResetModel();
    m_runs = runs;
    m_columns = columns;
    endResetModel();
}

int RunsTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunsTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

int RunsTableModel::rowOf(qint64 runId) const
{
    for (qsizetype i = 0; i < m_runs.size(); ++i)
        if (m_runs[i].id == runId)
            return int(i);
    return -1;
}

const Store::RunRecord *RunsTableModel::runAt(int row) const
{
    return row >= 0 && row < m_runs.size() ? &m_runs[row] : nullptr;
}

const Store::RunRecord *RunsTableModel::runById(qint64 runId) const
{
    return runAt(rowOf(runId));
}

QString RunsTableModel::statusText(Store::RunStatus status)
{
    switch (status) {
    case Store::RunStatus::Queued: return tr("queued");
    case Store::RunStatus::Running: return tr("running");
    case Store::RunStatus::Done: return tr("done");
    case Store::RunStatus::Failed: return tr("failed");
    case Store::RunStatus::Cancelled: return tr("cancelled");
    case Store::RunStatus::Interrupted: return tr("interrupted");
    }
    return {};
}

QColor RunsTableModel::statusColor(Store::RunStatus status)
{
    switch (status) {
    case Store::RunStatus::Queued: return QColor(0x8a, 0x8f, 0x98);
    case Store::RunStatus::Running: return QColor(0x1f, 0x77, 0xd0);
    case Store::RunStatus::Done: return QColor(0x2e, 0x9e, 0x4f);
    case Store::RunStatus::Failed: return QColor(0xd6, 0x3b, 0x3b);
    case Store::RunStatus::Cancelled: return QColor(0x9a, 0x7b, 0x4f);
    case Store::RunStatus::Interrupted: return QColor(0xe0, 0x8a, 0x1e);
    }
    return {};
}

QString RunsTableModel::durationText(qint64 ms)
{
    if (ms < 60'000)
        return tr("%1 s").arg(QLocale().toString(ms / 1000.0, 'f', ms < 10'000 ? 2 : 1));
    const qint64 s = ms / 1000;
    if (s < 3600)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

QVariant RunsTableModel::cell(const Store::RunRecord &run, const QString &key, int role) const
{
    const bool display = role == Qt::DisplayRole;
    if (key == QLatin1String("status")) {
        if (display)
            return statusText(run.status);
        if (role == Qt::DecorationRole)
            return statusIcon(run.status);
        if (role == SortRole)
            return int(run.status);
        if (role == Qt::ToolTipRole)
            return run.status == Store::RunStatus::Failed && !run.error.isEmpty() ? tr("Failed: %1").arg(run.error)
                                                                                  : statusText(run.status);
        return {};
    }
    if (key == QLatin1String("name")) {
        if (display || role == Qt::EditRole || role == SortRole)
            return run.name;
        if (role == Qt::ToolTipRole)
            return tr("Run %1: %2 (F2 to rename)").arg(run.id).arg(run.name);
        return {};
    }
    if (key == QLatin1String("model"))
        return display || role == SortRole ? QVariant(modelId(run)) : QVariant();
    if (key == QLatin1String("experiment"))
        return display || role == SortRole ? QVariant(run.experimentName) : QVariant();
    if (key == QLatin1String("executor")) {
        if (display || role == SortRole)
            return executorText(run.executor);
        if (role == Qt::ToolTipRole)
            return run.executor == QLatin1String("slurm") ? tr("Run as a task of a Slurm job array")
                                                          : tr("Run on this machine");
        return {};
    }
    if (key == QLatin1String("started")) {
        const QDateTime at = run.startedAt.isValid() ? run.startedAt : run.createdAt;
        if (display)
            return run.startedAt.isValid() ? QLocale().toString(run.startedAt.toLocalTime(), QLocale::ShortFormat)
                                           : QString();
        if (role == SortRole)
            return at;
        if (role == Qt::ToolTipRole && at.isValid())
            return QLocale().toString(at.toLocalTime(), QLocale::LongFormat);
        return {};
    }
    if (key == QLatin1String("duration")) {
        if (!run.durationMs)
            return role == SortRole ? QVariant() : QVariant();
        if (display)
            return durationText(*run.durationMs);
        if (role == SortRole)
            return double(*run.durationMs);
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (key == QLatin1String("tags")) {
        if (display || role == Qt::ToolTipRole)
            return run.tags.join(QStringLiteral(", "));
        if (role == SortRole)
            return run.tags.join(QLatin1Char(','));
        return {};
    }
    if (isParamKey(key)) {
        const QJsonValue value = run.params.value(key.mid(paramPrefix.size()));
        if (value.isUndefined())
            return {};
        if (display)
            return paramText(value);
        if (role == SortRole)
            return value.isDouble() ? QVariant(value.toDouble()) : QVariant(paramText(value));
        if (role == Qt::TextAlignmentRole && value.isDouble())
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (isMetricKey(key)) {
        const auto it = run.metrics.constFind(key.mid(metricPrefix.size()));
        if (it == run.metrics.constEnd())
            return {};
        const double v = *it;
        if (display)
            return std::isnan(v) ? QStringLiteral("NaN") : QLocale().toString(v, 'f', std::abs(v) >= 1000 ? 1 : 4);
        if (role == SortRole)
            return std::isnan(v) ? QVariant() : QVariant(v);
        if (role == Qt::ToolTipRole)
            return QLocale().toString(v, 'g', 10);
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant RunsTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Store::RunRecord &run = m_runs[index.row()];
    switch (role) {
    case RunIdRole: return run.id;
    case StatusRole: return int(run.status);
    case FilterTextRole:
        return QStringList {run.name, modelId(run), run.experimentName, run.tags.join(QLatin1Char(' '))}.join(
            QLatin1Char('\n'));
    case Qt::ForegroundRole:
        if (m_columns[index.column()] == QLatin1String("status"))
            return statusColor(run.status);
        return {};
    default: return cell(run, m_columns[index.column()], role);
    }
}

QVariant RunsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_columns.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    const QString &key = m_columns[section];
    if (role == ColumnKeyRole)
        return key;
    if (role == Qt::DisplayRole) {
        if (isParamKey(key) || isMetricKey(key))
            return key.mid(key.indexOf(QLatin1Char(':')) + 1);
        if (key == QLatin1String("status"))
            return tr("Status");
        if (key == QLatin1String("name"))
            return tr("Name");
        if (key == QLatin1String("model"))
            return tr("Model");
        if (key == QLatin1String("experiment"))
            return tr("Experiment");
        if (key == QLatin1String("executor"))
            return tr("Executor");
        if (key == QLatin1String("started"))
            return tr("Started");
        if (key == QLatin1String("duration"))
            return tr("Duration");
        if (key == QLatin1String("tags"))
            return tr("Tags");
    }
    if (role == Qt::ToolTipRole) {
        if (isParamKey(key))
            return tr("Parameter %1 (right-click the header to choose columns)").arg(key.mid(paramPrefix.size()));
        if (isMetricKey(key))
            return tr("Metric %1: the mean over folds (right-click the header to choose columns)")
                .arg(key.mid(metricPrefix.size()));
        if (key == QLatin1String("executor"))
            return tr("Where the run executed: local (this machine) or slurm (a cluster); right-click the header "
                      "to choose columns");
        return tr("Right-click the header to choose columns");
    }
    return {};
}

Qt::ItemFlags RunsTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && m_columns.value(index.column()) == QLatin1String("name"))
        f |= Qt::ItemIsEditable;
    if (index.isValid())
        f |= Qt::ItemIsDragEnabled;
    return f;
}

QStringList RunsTableModel::mimeTypes() const
{
    return {runIdsMimeType()};
}

QMimeData *RunsTableModel::mimeData(const QModelIndexList &indexes) const
{
    QList<qint64> ids;
    for (const QModelIndex &index : indexes) {
        if (const Store::RunRecord *run = runAt(index.row()); run && !ids.contains(run->id))
            ids << run->id;
    }
    return ids.isEmpty() ? nullptr : runIdsMimeData(ids);
}

QString RunsTableModel::runIdsMimeType()
{
    return QStringLiteral("application/x-tandem-run-ids");
}

QMimeData *RunsTableModel::runIdsMimeData(const QList<qint64> &runIds)
{
    QStringList lines;
    QStringList names;
    for (qint64 id : runIds) {
        lines << QString::number(id);
        names << tr("run %1").arg(id);
    }
    auto *data = new QMimeData;
    data->setData(runIdsMimeType(), lines.join(QLatin1Char('\n')).toUtf8());
    data->setText(names.join(QStringLiteral(", ")));
    return data;
}

QList<qint64> RunsTableModel::runIdsFromMimeData(const QMimeData *data)
{
    QList<qint64> ids;
    if (!data || !data->hasFormat(runIdsMimeType()))
        return ids;
    const QStringList lines = QString::fromUtf8(data->data(runIdsMimeType())).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        bool ok = false;
        const qint64 id = line.trimmed().toLongLong(&ok);
        if (ok && id > 0 && !ids.contains(id))
            ids << id;
    }
    return ids;
}

bool RunsTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !index.isValid() || m_columns.value(index.column()) != QLatin1String("name"))
        return false;
    const QString name = value.toString().trimmed();
    if (name.isEmpty() || name == m_runs[index.row()].name)
        return false;
    Q_EMIT renameRequested(m_runs[index.row()].id, name);
    return true;
}

} // namespace Tandem::Ui
