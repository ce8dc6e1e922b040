// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/drift/DriftVerdictBanner.h"

#include "core/drift/DriftAnalysis.h"
#include "core/drift/DriftFormat.h"
#include "ui/drift/VerdictIcon.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace Tandem::Ui {

DriftVerdictBanner::DriftVerdictBanner(const QList<QAction *> &actions, QWidget *parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("driftVerdict"));
    setAttribute(Qt::WA_StyledBackground);
    m_text->setObjectName(QStringLiteral("driftVerdictText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont font = m_text->font();
    font.setBold(true);
    m_text->setFont(font);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_icon, 0, Qt::AlignVCenter);
    layout->addWidget(m_text, 1);
    for (QAction *action : actions) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        layout->addWidget(button, 0, Qt::AlignVCenter);
    }
}

void DriftVerdictBanner::setAnalysis(const Drift::DriftAnalysis &analysis, int alerts)
{
    const Drift::DriftReport &report = analysis.report;
    m_drift = report.drifted();
    const VerdictKind kind = m_drift ? VerdictKind::Drifted : VerdictKind::Stable;
    m_icon->setPixmap(verdictIcon(kind).pixmap(24, 24));
    const QString verdict = m_drift ? tr("Dataset drift") : tr("No dataset drift");
    m_text->setText(tr("%1: %2 of %3 features drifted (%4); the dataset drifts at %5 or more. %6.")
                        .arg(verdict, QString::number(report.driftedCount()), QString::number(report.features().size()),
                            Drift::percentText(report.shareDrifted()), Drift::percentText(report.driftShare()),
                            alerts == 1 ? tr("1 alert") : tr("%1 alerts").arg(alerts)));
    const QColor colour = verdictColour(kind);
    setStyleSheet(QStringLiteral("#driftVerdict { background: rgba(%1, %2, %3, 0.16); border-left: 5px solid %4; "
                                 "border-radius: 4px; }")
                      .arg(colour.red())
                      .arg(colour.green())
                      .arg(colour.blue())
                      .arg(colour.name()));
}

QString DriftVerdictBanner::text() const
{
    return m_text->text();
}

} // namespace Tandem::Ui
