// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/ChartPanel.h"

#include "ui/charts/ChartExport.h"
#include "ui/charts/ChartSurface.h"
#include "ui/charts/DataTableDialog.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QStandardPaths>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Tandem::Ui {
namespace {

QToolButton *toolButton(QAction *action, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setAutoRaise(true);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}

} // namespace

ChartPanel::ChartPanel(ChartSurface *surface, QWidget *parent)
    : QWidget(parent)
    , m_surface(surface)
    , m_reset(new QAction(tr("Reset"), this))
    , m_pan(new QAction(tr("Pan"), this))
    , m_table(new QAction(tr("Table"), this))
    , m_exportPng(new QAction(tr("PNG Image…"), this))
    , m_exportSvg(new QAction(tr("SVG Image…"), this))
    , m_exportCsv(new QAction(tr("CSV Data…"), this))
    , m_note(new QLabel(this))
{
    m_surface->setParent(this);

    m_reset->setToolTip(tr("Reset the view: undo zoom, pan and brushes (Home, Esc, or double-click the chart)"));
    m_reset->setShortcuts({QKeySequence(Qt::Key_Home), QKeySequence(Qt::Key_Escape)});
    m_reset->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_reset, &QAction::triggered, m_surface, &ChartSurface::resetView);

    m_pan->setCheckable(true);
    m_pan->setToolTip(tr("Drag to pan instead of zooming to a rectangle (the middle button or Ctrl+drag always pans; "
                         "the wheel zooms around the pointer, with Shift along x only, with Ctrl along y only)"));
    m_pan->setVisible(m_surface->isZoomable());
    connect(m_pan, &QAction::toggled, m_surface, &ChartSurface::setPanMode);

    m_table->setToolTip(tr("View the plotted data as a table, to read or copy exact values"));
    connect(m_table, &QAction::triggered, this, [this]() { showTable(); });

    m_exportPng->setToolTip(tr("Save the chart as a PNG image at twice its size on screen"));
    m_exportSvg->setToolTip(tr("Save the chart as an SVG vector image"));
    m_exportCsv->setToolTip(tr("Save the plotted data, at full resolution, as CSV"));
    connect(m_exportPng, &QAction::triggered, this,
        [this]() { exportWithDialog(QStringLiteral("png"), tr("PNG images (*.png)")); });
    connect(m_exportSvg, &QAction::triggered, this,
        [this]() { exportWithDialog(QStringLiteral("svg"), tr("SVG images (*.svg)")); });
    connect(m_exportCsv, &QAction::triggered, this,
        [this]() { exportWithDialog(QStringLiteral("csv"), tr("CSV files (*.csv)")); });

    auto *exportMenu = new QMenu(this);
    exportMenu->addActions({m_exportPng, m_exportSvg, m_exportCsv});
    auto *exportButton = new QToolButton(this);
    exportButton->setText(tr("Export"));
    exportButton->setToolTip(tr("Save the chart as an image or its data as CSV"));
    exportButton->setMenu(exportMenu);
    exportButton->setPopupMode(QToolButton::InstantPopup);
    exportButton->setAutoRaise(true);

    m_note->setEnabled(false);
    // A long "Saved /path/..." never widens the panel; the tooltip has the full text.
    m_note->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_note->hide();

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->setSpacing(2);
    bar->addWidget(m_note, 1);
    bar->addStretch();
    bar->addWidget(toolButton(m_reset, this));
    QToolButton *panButton = toolButton(m_pan, this);
    panButton->setVisible(m_surface->isZoomable()); // a button does not follow its action's visibility
    bar->addWidget(panButton);
    bar->addWidget(toolButton(m_table, this));
    bar->addWidget(exportButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_surface, 1);

    // Shortcuts work wherever focus is inside the panel; the chart's context menu offers the same.
    addActions({m_reset, m_pan, m_table});
    auto *separator = new QAction(this);
    separator->setSeparator(true);
    m_surface->addActions({m_reset, m_pan, m_table, separator, m_exportPng, m_exportSvg, m_exportCsv});
    m_surface->setContextMenuPolicy(Qt::ActionsContextMenu);
}

DataTableDialog *ChartPanel::showTable()
{
    auto *dialog = new DataTableDialog(m_surface->plottedTable(), m_surface->chartTitle(), this);
    dialog->setWindowFlag(Qt::Window);
    dialog->show();
    return dialog;
}

bool ChartPanel::exportTo(const QString &path, QString *error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    Base::Status status;
    if (suffix == QLatin1String("png"))
        status = ChartExport::savePng(*m_surface, path);
    else if (suffix == QLatin1String("svg"))
        status = ChartExport::saveSvg(*m_surface, path);
    else if (suffix == QLatin1String("csv"))
        status = ChartExport::saveCsv(*m_surface, path);
    else
        status = Base::Error(tr("Cannot export to %1: use a .png, .svg or .csv file name").arg(path), path);
    if (!status) {
        if (error)
            *error = status.error().message;
        showNote(status.error().message, true);
        Q_EMIT exportFailed(status.error().message);
        return false;
    }
    showNote(tr("Saved %1").arg(QDir::toNativeSeparators(path)), false);
    Q_EMIT exported(path);
    return true;
}

void ChartPanel::exportWithDialog(const QString &suffix, const QString &filter)
{
    const QString folder = QStandardPaths::writableLocation(
        suffix == QLatin1String("csv") ? QStandardPaths::DocumentsLocation : QStandardPaths::PicturesLocation);
    const QString proposed
        = QDir(folder).filePath(ChartExport::suggestedFileName(*m_surface) + QLatin1Char('.') + suffix);
    QString path = QFileDialog::getSaveFileName(this, tr("Export Chart"), proposed, filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + suffix;
    exportTo(path);
}

void ChartPanel::showNote(const QString &text, bool error)
{
    m_note->setText(text);
    m_note->setToolTip(text);
    m_note->setEnabled(error);
    m_note->show();
    QTimer::singleShot(error ? 10000 : 4000, m_note, [note = m_note, text]() {
        if (note->text() == text)
            note->hide();
    });
}

} // namespace Tandem::Ui
