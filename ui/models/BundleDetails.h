// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QWidget>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTabWidget;
class QTableWidget;

namespace Tandem::Ui {

struct BundleEntry;

/// The Models view's details pane for one bundle: an overview (model, task,
/// target, classes, evaluation, training data and fingerprint, rows fitted on,
/// provenance, file), the input schema (columns, types, categories), the metrics
/// and the run's spec as read-only JSON. A bundle that could not be read shows
/// its refusal.
class BundleDetails : public QWidget
{
    Q_OBJECT
public:
    explicit BundleDetails(QWidget *parent = nullptr);

    /// Shows `entry`, or the "select a bundle" hint for nullptr.
    void setEntry(const BundleEntry *entry);

    /// The overview's value for `key` ("model", "fingerprint", "run", ...), for tests.
    QString field(const QString &key) const;
    QString errorText() const;
    QTableWidget *schemaTable() const { return m_schema; }
    QTableWidget *metricsTable() const { return m_metrics; }
    QString specText() const;
    QTabWidget *tabs() const { return m_tabs; }

private:
    void setField(const QString &key, const QString &text);

    QStackedWidget *m_pages;
    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_error;
    QTabWidget *m_tabs;
    QFormLayout *m_overview;
    QHash<QString, QLabel *> m_fields;
    QTableWidget *m_schema;
    QTableWidget *m_metrics;
    QPlainTextEdit *m_spec;
};

} // namespace Tandem::Ui
