// SPDX-License-Identifier: GPL-3.0-or-later
#include "EvalTestSupport.h"

#include "core/base/SeededRandom.h"
#include "core/eval/Splits.h"

#include <algorithm>
#include <set>

using namespace Tandem::Eval;
using Tandem::Base::SeededRandom;

namespace {

const QJsonObject &reference()
{
    static const QJsonObject all = EvalTest::fixture("splits.json");
    return all;
}

QJsonObject row(const char *table, int index)
{
    return reference().value(QString::fromLatin1(table)).toArray()[index].toObject();
}

qint64 integer(const QJsonObject &object, const char *name)
{
    return object.value(QString::fromLatin1(name)).toInteger();
}

std::vector<qint64> indices(const QJsonValue &value)
{
    std::vector<qint64> result;
    for (const QJsonValue &v : value.toArray())
        result.push_back(static_cast<qint64>(v.toDouble()));
    return result;
}

void addRows(const char *table)
{
    QTest::addColumn<int>("index");
    const QJsonArray rows = reference().value(QString::fromLatin1(table)).toArray();
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QJsonObject r = rows[i].toObject();
        QByteArray name = r.value(QStringLiteral("name")).toString().toUtf8();
        if (name.isEmpty())
            name = QByteArray::number(i) + ": n=" + QByteArray::number(integer(r, "n"));
        QTest::newRow(name.constData()) << static_cast<int>(i);
    }
}

/// Train and test are sorted, disjoint and together cover all rows; with k-fold
/// (folds > 1) every row is in exactly one test fold per repetition.
bool isPartition(const SplitPlan &plan, qint64 rows, int folds, int repeats, QByteArray *why)
{
    if (plan.folds.size() != folds * repeats) {
        *why = "fold count " + QByteArray::number(plan.folds.size());
        return false;
    }
    for (int r = 0; r < repeats; ++r) {
        std::vector<int> seen(static_cast<size_t>(rows), 0);
        for (int f = 0; f < folds; ++f) {
            const Fold &fold = plan.folds[r * folds + f];
            if (fold.repeat != r || fold.index != f) {
                *why = "fold numbering";
                return false;
            }
            if (!std::is_sorted(fold.train.begin(), fold.train.end())
                || !std::is_sorted(fold.test.begin(), fold.test.end())) {
                *why = "unsorted indices";
                return false;
            }
            std::vector<qint64> all = fold.train;
            all.insert(all.end(), fold.test.begin(), fold.test.end());
            std::sort(all.begin(), all.end());
            std::vector<qint64> expected(static_cast<size_t>(rows));
            std::iota(expected.begin(), expected.end(), qint64(0));
            if (all != expected) {
                *why = "train and test overlap or miss rows in fold " + QByteArray::number(f);
                return false;
            }
            for (qint64 i : fold.test)
                ++seen[static_cast<size_t>(i)];
        }
        if (folds > 1 && std::any_of(seen.begin(), seen.end(), [](int count) { return count != 1; })) {
            *why = "a row is not in exactly one test fold";
            return false;
        }
    }
    return true;
}

#define VERIFY_PARTITION(plan, rows, folds, repeats)                                                                   \
    do {                                                                                                               \
        QByteArray why_;                                                                                               \
        QVERIFY2(isPartition((plan), (rows), (folds), (repeats), &why_), why_.constData());                            \
    } while (false)

std::vector<qint64> testSizes(const SplitPlan &plan)
{
    std::vector<qint64> sizes;
    for (const Fold &fold : plan.folds)
        sizes.push_back(static_cast<qint64>(fold.test.size()));
    return sizes;
}

/// Per fold, the count of each class value (in `values` order) among the test rows.
std::vector<std::vector<qint64>> classCounts(
    const SplitPlan &plan, const Eigen::VectorXd &y, const Eigen::VectorXd &values)
{
    std::vector<std::vector<qint64>> counts;
    for (const Fold &fold : plan.folds) {
        std::vector<qint64> perClass(static_cast<size_t>(values.size()), 0);
        for (qint64 i : fold.test) {
            for (Eigen::Index c = 0; c < values.size(); ++c)
                perClass[static_cast<size_t>(c)] += y[i] == values[c] ? 1 : 0;
        }
        counts.push_back(perClass);
    }
    return counts;
}

std::vector<std::vector<qint64>> table(const QJsonValue &value)
{
    std::vector<std::vector<qint64>> result;
    for (const QJsonValue &r : value.toArray())
        result.push_back(indices(r));
    return result;
}

bool sameFolds(const SplitPlan &a, const SplitPlan &b)
{
    if (a.folds.size() != b.folds.size())
        return false;
    for (qsizetype i = 0; i < a.folds.size(); ++i) {
        if (a.folds[i].train != b.folds[i].train || a.folds[i].test != b.folds[i].test)
            return false;
    }
    return true;
}

} // namespace

class TestSplits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void randomStreamIsFullySpecified()
    {
        // Golden values from an independent implementation of mt19937_64 and of the
        // bounded draw and shuffle documented in Random.h.
        std::mt19937_64 standard;
        standard.discard(9999);
        QCOMPARE(standard(), Q_UINT64_C(9981545732273789042));
        SeededRandom raw(42);
        QCOMPARE(raw.next(), Q_UINT64_C(13930160852258120406));
        QCOMPARE(raw.next(), Q_UINT64_C(11788048577503494824));
        QCOMPARE(raw.next(), Q_UINT64_C(13874630024467741450));
        SeededRandom bounded(42);
        const quint64 bounds[] = {1, 2, 3, 10, 1000, Q_UINT64_C(9223372036854775809), Q_UINT64_C(18446744073709551615)};
        const quint64 draws[] = {0, 0, 1, 2, 381, Q_UINT64_C(1375579315383837727), Q_UINT64_C(6878563960102566144)};
        for (size_t i = 0; i < std::size(bounds); ++i)
            QCOMPARE(bounded.bounded(bounds[i]), draws[i]);
        SeededRandom shuffler(7);
        std::vector<int> values {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        shuffler.shuffle(values);
        QCOMPARE(values, (std::vector<int> {4, 0, 2, 6, 10, 9, 1, 5, 11, 8, 7, 3}));

        // Derived streams: one per (seed, item), the same every time, distinct between items.
        QCOMPARE(SeededRandom::derived(5, 0).next(), SeededRandom::derived(5, 0).next());
        QVERIFY(SeededRandom::derived(5, 0).next() != SeededRandom::derived(5, 1).next());
        QVERIFY(SeededRandom::derived(5, 0).next() != SeededRandom::derived(6, 0).next());
        SeededRandom unit(3);
        for (int i = 0; i < 1000; ++i) {
            const double u = unit.uniform();
            QVERIFY(u >= 0.0 && u < 1.0);
        }
    }

    void kFold_data() { addRows("kfold"); }
    void kFold()
    {
        QFETCH(int, index);
        const QJsonObject r = row("kfold", index);
        const qint64 n = integer(r, "n");
        const int k = static_cast<int>(integer(r, "k"));
        const std::vector<qint64> sizes = indices(r.value(QStringLiteral("test_sizes")));
        const auto plain = kFoldSplit(n, {k, false, 0, 1});
        EVAL_REQUIRE_OK(plain);
        VERIFY_PARTITION(plain.value(), n, k, 1);
        QCOMPARE(testSizes(plain.value()), sizes);
        if (!r.value(QStringLiteral("test_folds_unshuffled")).isNull()) {
            const auto folds = table(r.value(QStringLiteral("test_folds_unshuffled")));
            for (int f = 0; f < k; ++f)
                QCOMPARE(plain->folds[f].test, folds[static_cast<size_t>(f)]);
        }
        const auto repeated = kFoldSplit(n, {k, true, 17, 3});
        EVAL_REQUIRE_OK(repeated);
        VERIFY_PARTITION(repeated.value(), n, k, 3);
        std::vector<qint64> repeatedSizes;
        for (int rep = 0; rep < 3; ++rep)
            repeatedSizes.insert(repeatedSizes.end(), sizes.begin(), sizes.end());
        QCOMPARE(testSizes(repeated.value()), repeatedSizes);
        QVERIFY(repeated->warnings.isEmpty());
    }

    void stratifiedKFold_data() { addRows("stratified_kfold"); }
    void stratifiedKFold()
    {
        QFETCH(int, index);
        const QJsonObject r = row("stratified_kfold", index);
        const Eigen::VectorXd y = EvalTest::vector(r.value(QStringLiteral("y")));
        const Eigen::VectorXd values = EvalTest::vector(r.value(QStringLiteral("class_values")));
        const int k = static_cast<int>(integer(r, "k"));
        const auto counts = table(r.value(QStringLiteral("test_counts")));

        const auto plain = stratifiedKFoldSplit(y, {k, false, 0, 1});
        EVAL_REQUIRE_OK(plain);
        VERIFY_PARTITION(plain.value(), y.size(), k, 1);
        QCOMPARE(classCounts(plain.value(), y, values), counts);
        const auto folds = table(r.value(QStringLiteral("test_folds_unshuffled")));
        for (int f = 0; f < k; ++f)
            QCOMPARE(plain->folds[f].test, folds[static_cast<size_t>(f)]);

        for (const quint64 seed : {0, 1, 99}) {
            const auto shuffled = stratifiedKFoldSplit(y, {k, true, seed, 2});
            EVAL_REQUIRE_OK(shuffled);
            VERIFY_PARTITION(shuffled.value(), y.size(), k, 2);
            auto twice = counts;
            twice.insert(twice.end(), counts.begin(), counts.end());
            QCOMPARE(classCounts(shuffled.value(), y, values), twice);
        }
        const bool someClassBelowK = [&] {
            for (Eigen::Index c = 0; c < values.size(); ++c) {
                if ((y.array() == values[c]).count() < k)
                    return true;
            }
            return false;
        }();
        QCOMPARE(plain->warnings.size(), someClassBelowK ? 1 : 0);
    }

    void holdout_data() { addRows("holdout"); }
    void holdout()
    {
        QFETCH(int, index);
        const QJsonObject r = row("holdout", index);
        const qint64 n = integer(r, "n");
        const double fraction = r.value(QStringLiteral("test_fraction")).toDouble();
        const auto plain = holdoutSplit(n, {fraction, false, 0});
        EVAL_REQUIRE_OK(plain);
        VERIFY_PARTITION(plain.value(), n, 1, 1);
        QCOMPARE(plain->folds[0].train, indices(r.value(QStringLiteral("train_unshuffled"))));
        QCOMPARE(plain->folds[0].test, indices(r.value(QStringLiteral("test_unshuffled"))));
        const auto shuffled = holdoutSplit(n, {fraction, true, 5});
        EVAL_REQUIRE_OK(shuffled);
        VERIFY_PARTITION(shuffled.value(), n, 1, 1);
        QCOMPARE(static_cast<qint64>(shuffled->folds[0].test.size()), integer(r, "test"));
        QCOMPARE(static_cast<qint64>(shuffled->folds[0].train.size()), integer(r, "train"));
    }

    void stratifiedHoldout_data() { addRows("stratified_holdout"); }
    void stratifiedHoldout()
    {
        QFETCH(int, index);
        const QJsonObject r = row("stratified_holdout", index);
        const Eigen::VectorXd y = EvalTest::vector(r.value(QStringLiteral("y")));
        const Eigen::VectorXd values = EvalTest::vector(r.value(QStringLiteral("class_values")));
        const double fraction = r.value(QStringLiteral("test_fraction")).toDouble();
        for (const quint64 seed : {0, 1, 2, 3}) {
            const auto plan = stratifiedHoldoutSplit(y, {fraction, true, seed});
            EVAL_REQUIRE_OK(plan);
            VERIFY_PARTITION(plan.value(), y.size(), 1, 1);
            const Fold &fold = plan->folds[0];
            QCOMPARE(static_cast<qint64>(fold.test.size()), integer(r, "test"));
            QCOMPARE(static_cast<qint64>(fold.train.size()), integer(r, "train"));
            const std::vector<qint64> testCounts = classCounts(plan.value(), y, values).front();
            if (!r.value(QStringLiteral("test_counts")).isNull()) {
                QCOMPARE(testCounts, indices(r.value(QStringLiteral("test_counts"))));
            } else {
                // Rounding ties are broken at random, there and here: each class is
                // within one row of its exact share.
                for (Eigen::Index c = 0; c < values.size(); ++c) {
                    const double share = static_cast<double>((y.array() == values[c]).count()) * fold.test.size()
                        / static_cast<double>(y.size());
                    QVERIFY(std::abs(static_cast<double>(testCounts[static_cast<size_t>(c)]) - share) < 1.0);
                }
            }
        }
    }

    void timeSeries_data() { addRows("time_series"); }
    void timeSeries()
    {
        QFETCH(int, index);
        const QJsonObject r = row("time_series", index);
        const auto plan = timeSeriesSplit(integer(r, "n"),
            {static_cast<int>(integer(r, "splits")), integer(r, "test_size"), integer(r, "gap"),
                integer(r, "max_train_size")});
        EVAL_REQUIRE_OK(plan);
        const QJsonArray folds = r.value(QStringLiteral("folds")).toArray();
        QCOMPARE(plan->folds.size(), folds.size());
        for (qsizetype f = 0; f < folds.size(); ++f) {
            const QJsonObject want = folds[f].toObject();
            const std::vector<qint64> train = indices(want.value(QStringLiteral("train")));
            const std::vector<qint64> test = indices(want.value(QStringLiteral("test")));
            const Fold &fold = plan->folds[f];
            QCOMPARE(fold.index, static_cast<int>(f));
            QCOMPARE(fold.train.empty() ? 0 : fold.train.front(), train[0]);
            QCOMPARE(fold.train.empty() ? 0 : fold.train.back() + 1, train[1]);
            QCOMPARE(static_cast<qint64>(fold.train.size()), train[1] - train[0]);
            QCOMPARE(fold.test.front(), test[0]);
            QCOMPARE(fold.test.back() + 1, test[1]);
            QCOMPARE(static_cast<qint64>(fold.test.size()), test[1] - test[0]);
        }
    }

    void determinism()
    {
        Eigen::VectorXd y(60);
        for (Eigen::Index i = 0; i < y.size(); ++i)
            y[i] = static_cast<double>((i * 7) % 3);
        const auto a = kFoldSplit(60, {5, true, 123, 2});
        const auto b = kFoldSplit(60, {5, true, 123, 2});
        const auto c = kFoldSplit(60, {5, true, 124, 2});
        QVERIFY(a.ok() && b.ok() && c.ok());
        QVERIFY(sameFolds(a.value(), b.value()));
        QVERIFY(!sameFolds(a.value(), c.value()));
        // The repeats of one run differ from each other.
        QVERIFY(a->folds[0].test != a->folds[5].test);

        const auto sa = stratifiedKFoldSplit(y, {5, true, 7, 1});
        const auto sb = stratifiedKFoldSplit(y, {5, true, 7, 1});
        const auto sc = stratifiedKFoldSplit(y, {5, true, 8, 1});
        QVERIFY(sa.ok() && sb.ok() && sc.ok());
        QVERIFY(sameFolds(sa.value(), sb.value()));
        QVERIFY(!sameFolds(sa.value(), sc.value()));

        const auto ha = holdoutSplit(60, {0.25, true, 1});
        const auto hb = holdoutSplit(60, {0.25, true, 1});
        const auto hc = holdoutSplit(60, {0.25, true, 2});
        QVERIFY(sameFolds(ha.value(), hb.value()));
        QVERIFY(!sameFolds(ha.value(), hc.value()));
        const auto ta = stratifiedHoldoutSplit(y, {0.25, true, 1});
        const auto tb = stratifiedHoldoutSplit(y, {0.25, true, 1});
        const auto tc = stratifiedHoldoutSplit(y, {0.25, true, 2});
        QVERIFY(sameFolds(ta.value(), tb.value()));
        QVERIFY(!sameFolds(ta.value(), tc.value()));

        // Golden folds: the same on every platform and standard library.
        const auto golden = kFoldSplit(10, {3, true, 2024, 1});
        EVAL_REQUIRE_OK(golden);
        QCOMPARE(golden->folds[0].test, (std::vector<qint64> {0, 1, 3, 6}));
        QCOMPARE(golden->folds[1].test, (std::vector<qint64> {2, 7, 8}));
        QCOMPARE(golden->folds[2].test, (std::vector<qint64> {4, 5, 9}));
    }

    void errors_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("message");
        QTest::newRow("one fold") << 0 << QStringLiteral("at least 2 folds, got 1");
        QTest::newRow("more folds than rows") << 1 << QStringLiteral("cannot make 6 folds of 5 rows");
        QTest::newRow("repeats without shuffle") << 2 << QStringLiteral("needs shuffling");
        QTest::newRow("every class below k") << 3 << QStringLiteral("every class has fewer than 4 rows");
        QTest::newRow("fraction 0") << 4 << QStringLiteral("between 0 and 1");
        QTest::newRow("fraction 1") << 5 << QStringLiteral("between 0 and 1");
        QTest::newRow("empty training set") << 6 << QStringLiteral("training set would be empty");
        QTest::newRow("single-row class") << 7 << QStringLiteral("a class has a single row");
        QTest::newRow("too few test rows for the classes") << 8 << QStringLiteral("needs at least 3 rows in each part");
        QTest::newRow("unshuffled stratified holdout") << 9 << QStringLiteral("always shuffles");
        QTest::newRow("time series too many splits") << 10 << QStringLiteral("need at least 6 rows, got 5");
        QTest::newRow("time series test too large") << 11 << QStringLiteral("too few for 3 splits");
        QTest::newRow("non-finite class") << 12 << QStringLiteral("non-finite value");
        QTest::newRow("zero repeats") << 13 << QStringLiteral("repeats must be at least 1");
    }
    void errors()
    {
        QFETCH(int, which);
        QFETCH(QString, message);
        const Eigen::VectorXd small {{0.0, 0.0, 1.0, 1.0, 2.0, 2.0}};
        const Eigen::VectorXd nine {{0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 2.0, 2.0, 2.0}};
        Tandem::Base::Result<SplitPlan> plan = SplitPlan();
        switch (which) {
        case 0: plan = kFoldSplit(10, {1, false, 0, 1}); break;
        case 1: plan = kFoldSplit(5, {6, false, 0, 1}); break;
        case 2: plan = kFoldSplit(10, {2, false, 0, 3}); break;
        case 3: plan = stratifiedKFoldSplit(small, {4, false, 0, 1}); break;
        case 4: plan = holdoutSplit(10, {0.0, true, 0}); break;
        case 5: plan = holdoutSplit(10, {1.0, true, 0}); break;
        case 6: plan = holdoutSplit(1, {0.5, true, 0}); break;
        case 7: plan = stratifiedHoldoutSplit(Eigen::VectorXd {{0.0, 0.0, 1.0, 0.0}}, {0.5, true, 0}); break;
        case 8: plan = stratifiedHoldoutSplit(nine, {0.2, true, 0}); break;
        case 9: plan = stratifiedHoldoutSplit(nine, {0.3, false, 0}); break;
        case 10: plan = timeSeriesSplit(5, {5, 0, 0, 0}); break;
        case 11: plan = timeSeriesSplit(10, {3, 4, 0, 0}); break;
        case 12: plan = stratifiedKFoldSplit(Eigen::VectorXd {{0.0, std::nan(""), 1.0}}, {2, false, 0, 1}); break;
        case 13: plan = kFoldSplit(10, {2, true, 0, 0}); break;
        default: QFAIL("no such case");
        }
        QVERIFY(!plan.ok());
        QVERIFY2(plan.error().message.contains(message), qPrintable(plan.error().message));
    }

    void fewerRowsThanFoldsInOneClassWarns()
    {
        const Eigen::VectorXd y {{0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0}};
        const auto plan = stratifiedKFoldSplit(y, {3, true, 1, 1});
        EVAL_REQUIRE_OK(plan);
        QCOMPARE(plan->warnings.size(), 1);
        QVERIFY2(plan->warnings.front().contains(QStringLiteral("only 2 rows, fewer than the 3 folds")),
            qPrintable(plan->warnings.front()));
        VERIFY_PARTITION(plan.value(), 7, 3, 1);
    }
};

QTEST_GUILESS_MAIN(TestSplits)
#include "tst_eval_splits.moc"
