// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QAction;
class QLabel;
class QToolButton;

namespace Tandem::Ui {

class ChartSurface;
class DataTableDialog;

/// A chart with its small toolbar: Reset view (also Home, Esc and a double-click
/// on the chart), Pan (left-drag pans instead of zooming to a rectangle; zoomable
/// charts only), View as table, and Export as PNG, SVG or CSV. The same actions
/// are on the chart's context menu. Every chart kind plugs in through the
/// ChartSurface interface, so they all behave alike.
class ChartPanel : public QWidget
{
    Q_OBJECT
public:
    /// Takes ownership of `surface`.
    explicit ChartPanel(ChartSurface *surface, QWidget *parent = nullptr);

    ChartSurface *surface() const { return m_surface; }

    QAction *resetAction() const { return m_reset; }
    QAction *panAction() const { return m_pan; }
    QAction *tableAction() const { return m_table; }
    QAction *exportPngAction() const { return m_exportPng; }
    QAction *exportSvgAction() const { return m_exportSvg; }
    QAction *exportCsvAction() const { return m_exportCsv; }

    /// Opens "View as table" (a non-modal window) and returns it.
    DataTableDialog *showTable();

    /// Exports to `path` by its suffix (.png, .svg, .csv); false with a message on failure.
    bool exportTo(const QString &path, QString *error = nullptr);

Q_SIGNALS:
    /// A file was written ("Saved chart.png"), or writing it failed; for a status bar.
    void exported(const QString &path);
    void exportFailed(const QString &message);

private:
    void exportWithDialog(const QString &suffix, const QString &filter);
    void showNote(const QString &text, bool error);

    ChartSurface *m_surface;
    QAction *m_reset;
    QAction *m_pan;
    QAction *m_table;
    QAction *m_exportPng;
    QAction *m_exportSvg;
    QAction *m_exportCsv;
    QLabel *m_note;
};

} // namespace Tandem::Ui
