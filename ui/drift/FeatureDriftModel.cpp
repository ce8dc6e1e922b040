// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/drift/FeatureDriftModel.h"

#include "core/drift/DriftAnalysis.h"
#include "core/drift/DriftFormat.h"
#include "core/drift/DriftStrength.h"
#include "ui/drift/VerdictIcon.h"

#include <QFont>

#include <cmath>

namespace Tandem::Ui {

namespace {

/// The test's name short enough for a table column; the tooltip has it in full.
QString shortTestTitle(Drift::DriftTest test)
{
    switch (test) {
    case Drift::DriftTest::KolmogorovSmirnov: return FeatureDriftModel::tr("KS");
    case Drift::DriftTest::Wasserstein: return FeatureDriftModel::tr("Wasserstein");
    case Drift::DriftTest::PopulationStability: return FeatureDriftModel::tr("PSI");
    case Drift::DriftTest::JensenShannon: return FeatureDriftModel::tr("Jensen–Shannon");
    case Drift::DriftTest::ChiSquare: return FeatureDriftModel::tr("Chi-square");
    case Drift::DriftTest::AndersonDarling: return FeatureDriftModel::tr("Anderson–Darling");
    }
    return Drift::driftTestTitle(test);
}

} // namespace

FeatureDriftModel::FeatureDriftModel(QObject *parent) : QAbstractTableModel(parent) { }

void FeatureDriftModel::setAnalysis(std::shared_ptr<const Drift::DriftAnalysis> analysis)
{
    beginResetModel();
    m_analysis = std::move(analysis);
    m_rank.clear();
    if (m_analysis) {
        const std::vector<std::size_t> order = Drift::orderByDrift(m_analysis->report.features());
        m_rank.resize(order.size());
        for (std::size_t position = 0; position < order.size(); ++position)
            m_rank[order[position]] = position;
    }
    endResetModel();
}

QString FeatureDriftModel::featureName(int row) const
{
    if (!m_analysis || row < 0 || row >= rowCount())
        return {};
    return m_analysis->report.features()[std::size_t(row)].name;
}

int FeatureDriftModel::rowOf(const QString &feature) const
{
    for (int row = 0; row < rowCount(); ++row) {
        if (featureName(row) == feature)
            return row;
    }
    return -1;
}

int FeatureDriftModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_analysis ? 0 : int(m_analysis->report.features().size());
}

int FeatureDriftModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FeatureDriftModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_analysis || index.row() >= rowCount())
        return {};
    const auto row = std::size_t(index.row());
    const Drift::FeatureDrift &f = m_analysis->report.features()[row];
    const Drift::TestOutcome &outcome = f.outcome;
    if (role == DriftedRole)
        return f.drifted();
    const bool noValues = std::isnan(outcome.score);
    switch (index.column()) {
    case Feature:
        if (role == Qt::DisplayRole || role == SortRole)
            return f.name;
        if (role == Qt::ToolTipRole)
            return tr("%1: %2, %3 reference and %4 current values")
                .arg(f.name, Data::columnTypeName(f.referenceType), QString::number(f.referenceValues),
                    QString::number(f.currentValues));
        if (role == Qt::FontRole && f.drifted()) {
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case Distribution: {
        const Drift::FeatureSketch *sketch = m_analysis->sketch(row);
        if (!sketch)
            break;
        if (role == ReferenceSharesRole)
            return QVariant::fromValue(sketch->referenceShares());
        if (role == CurrentSharesRole)
            return QVariant::fromValue(sketch->currentShares());
        if (role == CategoricalRole)
            return sketch->kind == Drift::FeatureKind::Categorical;
        if (role == Qt::ToolTipRole)
            return tr("Reference and current distributions of %1; select the row for the chart").arg(f.name);
        if (role == SortRole)
            return int(m_rank.size() - m_rank[row]);
        break;
    }
    case Kind:
        if (role == Qt::DisplayRole || role == SortRole)
            return Drift::featureKindName(f.kind);
        break;
    case Test:
        if (role == Qt::DisplayRole || role == SortRole)
            return shortTestTitle(outcome.test);
        if (role == Qt::ToolTipRole)
            return Drift::isPValue(outcome.test)
                ? tr("%1: a p-value, drift when below the threshold").arg(Drift::driftTestTitle(outcome.test))
                : tr("%1: a distance, drift when at or above the threshold").arg(Drift::driftTestTitle(outcome.test));
        break;
    case Score:
        if (role == Qt::DisplayRole)
            return Drift::driftNumber(outcome.score);
        if (role == SortRole) // the rank in the drift order, highest first
            return int(m_rank.size() - m_rank[row]);
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (role == Qt::ToolTipRole && !std::isnan(outcome.statistic))
            return tr("Statistic %1").arg(Drift::driftNumber(outcome.statistic));
        break;
    case Threshold:
        if (role == Qt::DisplayRole)
            return Drift::driftNumber(outcome.threshold);
        if (role == SortRole)
            return outcome.threshold;
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Verdict:
        if (role == Qt::DisplayRole)
            return f.drifted() ? tr("Drifted") : noValues ? tr("No values") : tr("Stable");
        if (role == Qt::DecorationRole)
            return verdictIcon(f.drifted() ? VerdictKind::Drifted
                    : noValues             ? VerdictKind::Unknown
                                           : VerdictKind::Stable);
        if (role == SortRole)
            return (f.drifted() ? 2.0 : noValues ? 0.0 : 1.0);
        if (role == Qt::ToolTipRole) {
            if (outcome.drifted)
                return tr("Its test flagged drift");
            if (f.drifted())
                return tr("Flagged by a finding: %1").arg(Drift::findingsText(f));
            return noValues ? tr("A side has no values to compare") : tr("Its test found no drift");
        }
        break;
    case Findings:
        if (role == Qt::DisplayRole || role == SortRole || role == Qt::ToolTipRole)
            return Drift::findingsText(f);
        break;
    default: break;
    }
    return {};
}

QVariant FeatureDriftModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Feature: return tr("Feature");
        case Distribution: return tr("Distribution");
        case Kind: return tr("Kind");
        case Test: return tr("Test");
        case Score: return tr("Score");
        case Threshold: return tr("Threshold");
        case Verdict: return tr("Verdict");
        case Findings: return tr("Findings");
        default: break;
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Distribution: return tr("Reference and current distributions, drawn over each other");
        case Score: return tr("The test's p-value or distance; sorting orders by how far it lies beyond the threshold");
        case Verdict: return tr("Drifted when the test flags it or a finding alerts");
        case Findings: return tr("Missing values that changed by 5 points or more; categories the reference lacks");
        default: break;
        }
    }
    return {};
}

} // namespace Tandem::Ui
