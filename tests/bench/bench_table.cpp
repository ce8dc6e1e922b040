// SPDX-License-Identifier: GPL-3.0-or-later
// Scrolling benchmark for the dataset table (issue 3, "Table view"): a QTableView
// over DatasetTableModel with Tandem's cell delegate, rendered into a pixmap after
// each jump of the scroll bar, on a 10,000,000-row table and a 10,000-column one.
// Prints per-frame paint times (median, 95th percentile, max) as text and JSON.
//
//   QT_QPA_PLATFORM=offscreen build/release/tests/bench/bench_table [--frames N]
#include "core/data/Dataset.h"
#include "ui/data/CellDelegate.h"
#include "ui/data/DatasetTableModel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QPixmap>
#include <QScrollBar>
#include <QTableView>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <random>

using namespace Tandem;

namespace {

std::shared_ptr<const Data::Dataset> tallDataset(qint64 rows)
{
    std::mt19937_64 random(7);
    std::normal_distribution<double> normal;
    std::vector<double> x(static_cast<std::size_t>(rows));
    std::vector<qint64> id(static_cast<std::size_t>(rows));
    std::vector<qint32> group(static_cast<std::size_t>(rows));
    Data::MissingMask missing;
    for (qint64 r = 0; r < rows; ++r) {
        x[std::size_t(r)] = normal(random);
        id[std::size_t(r)] = r;
        group[std::size_t(r)] = qint32(r % 5);
        if (r % 97 == 0)
            missing.setMissing(r);
    }
    Data::DatasetBuilder builder;
    builder.addColumn(Data::Column::integer(QStringLiteral("id"), std::move(id)));
    builder.addColumn(Data::Column::numeric(QStringLiteral("x"), std::move(x), missing));
    builder.addColumn(Data::Column::categorical(QStringLiteral("group"), std::move(group),
        {QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma"), QStringLiteral("delta"),
            QStringLiteral("epsilon")}));
    auto built = builder.build();
    return built.ok() ? built.value() : nullptr;
}

std::shared_ptr<const Data::Dataset> wideDataset(int columns, qint64 rows)
{
    Data::DatasetBuilder builder;
    builder.reserveColumns(columns);
    for (int c = 0; c < columns; ++c) {
        std::vector<double> values(static_cast<std::size_t>(rows));
        for (qint64 r = 0; r < rows; ++r)
            values[std::size_t(r)] = double(c) + double(r) / 1000.0;
        builder.addColumn(Data::Column::numeric(QStringLiteral("f%1").arg(c), std::move(values)));
    }
    auto built = builder.build();
    return built.ok() ? built.value() : nullptr;
}

struct FrameTimes {
    double setupMs = 0;
    double medianMs = 0;
    double p95Ms = 0;
    double maxMs = 0;
};

/// Shows `dataset` in a table, then jumps the scroll bar to `frames` positions
/// spread over its range and paints each synchronously.
FrameTimes scroll(const std::shared_ptr<const Data::Dataset> &dataset, Qt::Orientation orientation, int frames)
{
    QElapsedTimer timer;
    timer.start();
    Ui::DatasetTableModel model;
    model.setDataset(dataset);
    QTableView view;
    view.setItemDelegate(new Ui::CellDelegate(&view));
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.verticalHeader()->setDefaultSectionSize(view.fontMetrics().height() + 8);
    view.horizontalHeader()->setDefaultSectionSize(110);
    view.setModel(&model);
    view.resize(1280, 800);
    view.show();
    QPixmap frame(view.size() * view.devicePixelRatioF());
    view.render(&frame); // the first paint (a repaint() of a window the offscreen platform never exposes is a no-op)
    FrameTimes result;
    result.setupMs = double(timer.nsecsElapsed()) / 1e6;

    QScrollBar *bar = orientation == Qt::Vertical ? view.verticalScrollBar() : view.horizontalScrollBar();
    std::vector<double> times;
    std::mt19937 random(3);
    for (int i = 0; i < frames; ++i) {
        // Alternate long jumps and small steps, as a user dragging and wheeling would.
        const int target = i % 2 == 0 ? int(random() % std::uint32_t(bar->maximum() + 1))
                                      : std::min(bar->maximum(), bar->value() + bar->singleStep() * 3);
        timer.restart();
        bar->setValue(target);
        view.render(&frame); // paints the visible cells and both headers, synchronously
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    result.medianMs = times[times.size() / 2];
    result.p95Ms = times[std::min(times.size() - 1, times.size() * 95 / 100)];
    result.maxMs = times.back();
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    int frames = 300;
    const QStringList args = QApplication::arguments();
    if (const auto at = args.indexOf(QStringLiteral("--frames")); at >= 0 && at + 1 < args.size())
        frames = std::max(10, args.at(at + 1).toInt());

    QTextStream out(stdout);
    struct Case {
        const char *name;
        std::shared_ptr<const Data::Dataset> dataset;
        Qt::Orientation orientation;
    };
    QElapsedTimer build;
    build.start();
    const Case cases[] = {
        {"10,000,000 rows x 3 columns, vertical", tallDataset(10'000'000), Qt::Vertical},
        {"1,000 rows x 10,000 columns, horizontal", wideDataset(10'000, 1'000), Qt::Horizontal},
    };
    out << "built the datasets in " << build.elapsed() << " ms\n";
    out << QStringLiteral("%1 %2 %3 %4 %5\n")
               .arg(QStringLiteral("case"), -42)
               .arg(QStringLiteral("setup ms"), 10)
               .arg(QStringLiteral("median ms"), 10)
               .arg(QStringLiteral("p95 ms"), 10)
               .arg(QStringLiteral("max ms"), 10);
    QStringList json;
    for (const Case &c : cases) {
        const FrameTimes t = scroll(c.dataset, c.orientation, frames);
        out << QStringLiteral("%1 %2 %3 %4 %5\n")
                   .arg(QString::fromLatin1(c.name), -42)
                   .arg(t.setupMs, 10, 'f', 1)
                   .arg(t.medianMs, 10, 'f', 2)
                   .arg(t.p95Ms, 10, 'f', 2)
                   .arg(t.maxMs, 10, 'f', 2);
        json << QStringLiteral("{\"case\":\"%1\",\"frames\":%2,\"setup_ms\":%3,\"median_ms\":%4,\"p95_ms\":%5,"
                               "\"max_ms\":%6}")
                    .arg(QString::fromLatin1(c.name))
                    .arg(frames)
                    .arg(t.setupMs)
                    .arg(t.medianMs)
                    .arg(t.p95Ms)
                    .arg(t.maxMs);
    }
    out << "JSON [" << json.join(QStringLiteral(",")) << "]\n";
    return 0;
}
