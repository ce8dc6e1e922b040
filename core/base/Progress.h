// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Tandem::Base {

/// Where long work reports how far it is and learns whether to stop.
/// The core knows nothing of threads or Qt concurrency: core/runs adapts a
/// sink to its job queue, tests use a plain recording sink.
class ProgressSink
{
public:
    virtual ~ProgressSink() = default;
    /// fraction in [0, 1]; stage names what is being done ("Parsing", "Fold 2/5").
    virtual void report(double fraction, const QString &stage) = 0;
    /// True once the user (or shutdown) asked the work to stop. Inner loops poll
    /// this at least every ~50 ms of work and return early when it is set.
    virtual bool stopRequested() const = 0;
};

/// A view on a sink that maps [0, 1] onto a sub-range [begin, end] of the parent,
/// so that preprocessing -> folds -> fit make one monotone bar.
class Progress
{
public:
    explicit Progress(ProgressSink &sink) : m_sink(&sink) { }

    void report(double fraction, const QString &stage) const;
    bool stopRequested() const { return m_sink->stopRequested(); }

    /// A child covering [begin, end] of this progress (both in this one's units).
    Progress subrange(double begin, double end) const;

private:
    Progress(ProgressSink *sink, double begin, double end) : m_sink(sink), m_begin(begin), m_end(end) { }

    ProgressSink *m_sink;
    double m_begin = 0.0;
    double m_end = 1.0;
};

/// A sink that ignores progress and never stops: for callers that do not care.
class NullProgressSink final : public ProgressSink
{
public:
    void report(double, const QString &) override { }
    bool stopRequested() const override { return false; }
};

} // namespace Tandem::Base
