// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/data/ImportDialog.h"

#include "core/data/CsvReader.h"
#include "ui/data/CellDelegate.h"
#include "ui/data/DatasetTableModel.h"
#include "ui/data/LoadSummary.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Tandem::Ui {
namespace {

// Delimiter choices: the byte, or 0 for "detect", -1 for "other" and -2 for runs of whitespace.
constexpr char otherDelimiter = -1;
constexpr char whitespaceDelimiter = -2;

QString naTokensText(const QStringList &tokens)
{
    QStringList shown;
    for (const QString &token : tokens)
        shown << (token.isEmpty() ? QObject::tr("(empty)") : token);
    return shown.join(QStringLiteral(", "));
}

QStringList parseNaTokens(const QString &text)
{
    QStringList tokens;
    const QString empty = QObject::tr("(empty)");
    for (const QString &part : text.split(QLatin1Char(','))) {
        const QString token = part.trimmed();
        if (token == empty)
            tokens << QString();
        else if (!token.isEmpty())
            tokens << token;
    }
    return tokens;
}

} // namespace

ImportDialog::ImportDialog(const QString &path, const Data::CsvOptions &initial, QWidget *parent)
    : QDialog(parent)
    , m_path(path)
    , m_delimiter(new QComboBox(this))
    , m_otherDelimiter(new QLineEdit(this))
    , m_header(new QComboBox(this))
    , m_skipLines(new QSpinBox(this))
    , m_encoding(new QComboBox(this))
    , m_naTokens(new QLineEdit(this))
    , m_decimalComma(new QCheckBox(tr("Decimal comma (3,14)"), this))
    , m_skipRagged(new QCheckBox(tr("Skip rows with a wrong number of fields"), this))
    , m_table(new QTableView(this))
    , m_status(new QLabel(this))
    , m_model(new DatasetTableModel(this))
    , m_debounce(new QTimer(this))
    , m_base(initial)
{
    setWindowTitle(tr("Import %1").arg(QFileInfo(path).fileName()));
    m_pool.setMaxThreadCount(1);

    m_delimiter->setObjectName(QStringLiteral("delimiter"));
    m_delimiter->addItem(tr("Detect"), 0);
    m_delimiter->addItem(tr("Comma ( , )"), int(','));
    m_delimiter->addItem(tr("Semicolon ( ; )"), int(';'));
    m_delimiter->addItem(tr("Tab"), int('\t'));
    m_delimiter->addItem(tr("Pipe ( | )"), int('|'));
    m_delimiter->addItem(tr("Spaces and tabs (runs of whitespace)"), int(whitespaceDelimiter));
    m_delimiter->addItem(tr("Other:"), int(otherDelimiter));
    m_otherDelimiter->setMaxLength(1);
    m_otherDelimiter->setMaximumWidth(40);
    m_otherDelimiter->setEnabled(false);
    m_otherDelimiter->setToolTip(tr("Any single character"));
    const int delimiterIndex
        = m_delimiter->findData(initial.whitespaceDelimiter ? int(whitespaceDelimiter) : int(initial.delimiter));
    if (delimiterIndex >= 0) {
        m_delimiter->setCurrentIndex(delimiterIndex);
    } else {
        m_delimiter->setCurrentIndex(m_delimiter->count() - 1);
        m_otherDelimiter->setText(QString(QLatin1Char(initial.delimiter)));
        m_otherDelimiter->setEnabled(true);
    }

    m_header->setObjectName(QStringLiteral("header"));
    m_header->addItem(tr("Detect"), int(Data::CsvOptions::Header::Auto));
    m_header->addItem(tr("First row holds the column names"), int(Data::CsvOptions::Header::Present));
    m_header->addItem(tr("No header: all rows are data"), int(Data::CsvOptions::Header::Absent));
    m_header->setCurrentIndex(m_header->findData(int(initial.header)));
    m_skipLines->setObjectName(QStringLiteral("skipLines"));
    m_skipLines->setRange(0, 1000000);
    m_skipLines->setValue(int(std::min<qint64>(initial.skipLines, 1000000)));
    m_skipLines->setToolTip(tr("Lines to skip before the header, such as a title or a count line"));
    m_skipLines->setMaximumWidth(120);

    m_encoding->setObjectName(QStringLiteral("encoding"));
    m_encoding->addItem(tr("Detect (UTF-8, or Windows-1252 with a warning)"), int(Data::CsvOptions::Encoding::Auto));
    m_encoding->addItem(tr("UTF-8"), int(Data::CsvOptions::Encoding::Utf8));
    m_encoding->addItem(tr("UTF-16 little-endian"), int(Data::CsvOptions::Encoding::Utf16LE));
    m_encoding->addItem(tr("UTF-16 big-endian"), int(Data::CsvOptions::Encoding::Utf16BE));
    m_encoding->addItem(tr("Windows-1252 / Latin-1"), int(Data::CsvOptions::Encoding::Windows1252));
    m_encoding->setCurrentIndex(m_encoding->findData(int(initial.encoding)));

    m_naTokens->setObjectName(QStringLiteral("naTokens"));
    m_naTokens->setText(naTokensText(initial.naTokens));
    m_naTokens->setToolTip(tr("Cells equal to one of these, separated by commas, are missing values. "
                              "\"(empty)\" stands for an empty cell."));
    m_decimalComma->setObjectName(QStringLiteral("decimalComma"));
    m_decimalComma->setChecked(initial.decimalComma);
    m_skipRagged->setObjectName(QStringLiteral("skipRagged"));
    m_skipRagged->setChecked(initial.raggedRows == Data::CsvOptions::RaggedRows::Skip);
    m_skipRagged->setToolTip(tr("Otherwise such a row stops the import, naming its line"));

    auto *delimiterRow = new QHBoxLayout;
    delimiterRow->addWidget(m_delimiter, 1);
    delimiterRow->addWidget(m_otherDelimiter);
    auto *form = new QFormLayout;
    auto *delimiterLabel = new QLabel(tr("&Delimiter:"), this);
    delimiterLabel->setBuddy(m_delimiter);
    form->addRow(delimiterLabel, delimiterRow);
    form->addRow(tr("&Header:"), m_header);
    form->addRow(tr("S&kip lines:"), m_skipLines);
    form->addRow(tr("&Encoding:"), m_encoding);
    form->addRow(tr("&Missing values:"), m_naTokens);
    form->addRow(QString(), m_decimalComma);
    form->addRow(QString(), m_skipRagged);

    m_table->setModel(m_model);
    m_table->setItemDelegate(new CellDelegate(m_table));
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setDefaultSectionSize(110);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionsClickable(true);
    m_table->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table->horizontalHeader(), &QHeaderView::sectionClicked, this, [this](int section) {
        QHeaderView *header = m_table->horizontalHeader();
        showTypeMenu(section, header->mapToGlobal(QPoint(header->sectionViewportPosition(section), header->height())));
    });
    connect(m_table->horizontalHeader(), &QHeaderView::customContextMenuRequested, this, [this](const QPoint &pos) {
        QHeaderView *header = m_table->horizontalHeader();
        showTypeMenu(header->logicalIndexAt(pos), header->mapToGlobal(pos));
    });
    m_status->setObjectName(QStringLiteral("previewStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Import"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(
        tr("Preview of the first %1 rows. Click a column's header to choose its type.").arg(previewRows), this));
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(900, 620);

    // Typing in a field should not read the file per keystroke.
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(150);
    connect(m_debounce, &QTimer::timeout, this, &ImportDialog::startPreview);
    connect(&m_watcher, &QFutureWatcher<PreviewResult>::finished, this, [this] {
        m_reading = false;
        if (m_restartAfterCurrent) {
            m_restartAfterCurrent = false;
            startPreview();
            return;
        }
        showPreview(m_watcher.result());
    });
    connect(m_delimiter, &QComboBox::currentIndexChanged, this, [this] {
        m_otherDelimiter->setEnabled(m_delimiter->currentData().toInt() == otherDelimiter);
        layoutChanged();
    });
    connect(m_otherDelimiter, &QLineEdit::textChanged, this, &ImportDialog::layoutChanged);
    connect(m_header, &QComboBox::currentIndexChanged, this, &ImportDialog::layoutChanged);
    connect(m_skipLines, &QSpinBox::valueChanged, this, &ImportDialog::layoutChanged);
    connect(m_encoding, &QComboBox::currentIndexChanged, this, &ImportDialog::layoutChanged);
    connect(m_naTokens, &QLineEdit::textChanged, this, &ImportDialog::schedulePreview);
    connect(m_decimalComma, &QCheckBox::toggled, this, &ImportDialog::schedulePreview);
    connect(m_skipRagged, &QCheckBox::toggled, this, &ImportDialog::schedulePreview);
    startPreview();
}

ImportDialog::~ImportDialog()
{
    m_watcher.waitForFinished();
}

Data::CsvOptions ImportDialog::options() const
{
    Data::CsvOptions options = m_base;
    const int delimiter = m_delimiter->currentData().toInt();
    options.whitespaceDelimiter = delimiter == whitespaceDelimiter;
    if (delimiter == whitespaceDelimiter) {
        options.delimiter = 0;
    } else if (delimiter == otherDelimiter) {
        const QString text = m_otherDelimiter->text();
        options.delimiter = text.isEmpty() ? char(0) : text.at(0).toLatin1();
    } else {
        options.delimiter = char(delimiter);
    }
    options.header = Data::CsvOptions::Header(m_header->currentData().toInt());
    options.skipLines = m_skipLines->value();
    options.encoding = Data::CsvOptions::Encoding(m_encoding->currentData().toInt());
    options.naTokens = parseNaTokens(m_naTokens->text());
    options.decimalComma = m_decimalComma->isChecked();
    options.raggedRows
        = m_skipRagged->isChecked() ? Data::CsvOptions::RaggedRows::Skip : Data::CsvOptions::RaggedRows::Refuse;
    options.columnTypes = m_columnTypes;
    options.maxRows = -1;
    return options;
}

QString ImportDialog::previewStatus() const
{
    return m_status->text();
}

bool ImportDialog::previewPending() const
{
    return m_debounce->isActive() || m_reading;
}

void ImportDialog::setColumnType(const QString &name, std::optional<Data::ColumnType> type)
{
    if (type)
        m_columnTypes.insert(name, *type);
    else
        m_columnTypes.remove(name);
    schedulePreview();
}

void ImportDialog::layoutChanged()
{
    m_columnTypes.clear();
    schedulePreview();
}

void ImportDialog::showTypeMenu(int section, const QPoint &globalPos)
{
    const auto &dataset = m_model->dataset();
    if (!dataset || section < 0 || section >= dataset->columnCount())
        return;
    const QString name = dataset->column(section).name();
    QMenu menu(this);
    menu.setToolTipsVisible(true);
    QAction *automatic = menu.addAction(tr("Detect the type"));
    automatic->setCheckable(true);
    automatic->setChecked(!m_columnTypes.contains(name));
    connect(automatic, &QAction::triggered, this, [this, name] { setColumnType(name, std::nullopt); });
    menu.addSeparator();
    const auto forced = m_columnTypes.constFind(name);
    const Data::ColumnType types[] = {Data::ColumnType::Numeric, Data::ColumnType::Integer, Data::ColumnType::Boolean,
        Data::ColumnType::DateTime, Data::ColumnType::Categorical, Data::ColumnType::Text};
    for (Data::ColumnType type : types) {
        QAction *action = menu.addAction(Data::columnTypeName(type));
        action->setCheckable(true);
        action->setChecked(forced != m_columnTypes.constEnd() && *forced == type);
        action->setToolTip(tr("Cells that do not fit become missing values, each with a warning"));
        connect(action, &QAction::triggered, this, [this, name, type] { setColumnType(name, type); });
    }
    menu.exec(globalPos);
}

void ImportDialog::schedulePreview()
{
    m_debounce->start();
}

void ImportDialog::startPreview()
{
    if (m_reading) {
        // Read again with the newest options once the current preview is done.
        m_restartAfterCurrent = true;
        return;
    }
    Data::CsvOptions options = this->options();
    options.maxRows = previewRows;
    m_status->setText(tr("Reading the preview…"));
    m_reading = true;
    m_watcher.setFuture(
        QtConcurrent::run(&m_pool, [path = m_path, options] { return Data::CsvReader::read(path, options); }));
}

void ImportDialog::showPreview(const PreviewResult &result)
{
    if (!result.ok()) {
        m_model->setDataset(nullptr);
        m_status->setText(tr("Cannot read the file with these settings: %1").arg(result.error().toString()));
    } else {
        const Data::LoadReport &report = result.value().report;
        m_model->setDataset(result.value().dataset);
        QString text = loadSummary(report);
        if (!report.warnings.isEmpty())
            text += QStringLiteral(" · ") + tr("first warning: %1").arg(report.warnings.first().toString());
        m_status->setText(text);
    }
    Q_EMIT previewUpdated();
}

} // namespace Tandem::Ui
