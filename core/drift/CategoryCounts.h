// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Column.h"

#include <QStringList>

#include <span>
#include <vector>

namespace Tandem::Drift {

/// How often each category occurs in a reference and a current column, matched
/// by label: two files read apart number their categories differently.
///
/// Labels: a categorical cell's category, "false"/"true" for booleans, a text
/// cell's text, and for numeric columns compared as categories the number in its
/// shortest exact form. Order: the reference's labels (categorical columns in
/// their dictionary's order, others as first met, numbers ascending), then the
/// labels met only in the current data. Only labels that occur are listed.
struct CategoryCounts {
    QStringList labels;
    std::vector<qint64> reference;
    std::vector<qint64> current;

    /// Labels counted in the current data and never in the reference.
    QStringList newLabels() const;
    /// Current values whose label the reference does not have.
    qint64 currentInNewLabels() const;
};

/// The counts of two categorical, boolean or text columns (any mix). Missing cells
/// are not counted. Numeric columns give empty counts: use the sorted-sample form.
CategoryCounts countCategories(const Data::Column &reference, const Data::Column &current);

/// The counts of two sorted numeric samples, one label per distinct value.
CategoryCounts countCategories(std::span<const double> sortedReference, std::span<const double> sortedCurrent);

} // namespace Tandem::Drift
