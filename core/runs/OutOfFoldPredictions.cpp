// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/OutOfFoldPredictions.h"

#include "core/eval/CrossValidation.h"
#include "core/runs/CsvText.h"

#include <QStringList>

#include <cmath>

namespace Tandem::Runs {

QByteArray outOfFoldPredictionsCsv(const Eval::EvaluationResult &result)
{
    const bool classify = result.task == Learn::Task::Classification;
    // A predicted or true class index as its label; an index out of range cannot
    // come from crossValidate, but the number is kept rather than lost.
    const auto label = [&result](double index) {
        const qsizetype i = qsizetype(index);
        return std::isfinite(index) && i >= 0 && i < result.classes.size() ? CsvText::field(result.classes.at(i))
                                                                           : CsvText::number(index);
    };

    QStringList header {
        QStringLiteral("row"), QStringLiteral("fold"), QStringLiteral("truth"), QStringLiteral("predicted")};
    if (classify) {
        for (const QString &name : result.classes)
            header << CsvText::field(QStringLiteral("proba_") + name);
    }
    QString text = header.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (qsizetype f = 0; f < result.folds.size(); ++f) {
        const Eval::FoldPredictions &p = result.folds.at(f).predictions;
        const bool hasProbabilities = classify && p.probabilities.rows() == Eigen::Index(p.rows.size());
        for (std::size_t i = 0; i < p.rows.size(); ++i) {
            const Eigen::Index r = Eigen::Index(i);
            QStringList fields {QString::number(p.rows[i]), QString::number(f)};
            if (classify)
                fields << label(p.truth[r]) << label(p.predicted[r]);
            else
                fields << CsvText::number(p.truth[r]) << CsvText::number(p.predicted[r]);
            for (Eigen::Index k = 0; classify && k < Eigen::Index(result.classes.size()); ++k)
                fields << (hasProbabilities && k < p.probabilities.cols() ? CsvText::number(p.probabilities(r, k))
                                                                          : QString());
            text += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
        }
    }
    return text.toUtf8();
}

} // namespace Tandem::Runs
