// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/runs/newrun/ParamForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>

#include <algorithm>
#include <cmath>

namespace Tandem::Ui {
namespace {

using Learn::ParamSpec;

constexpr double unboundedLimit = 1e12;
const QString listSeparator = QStringLiteral(";");

bool isNumeric(const ParamSpec &spec)
{
    return spec.type == ParamSpec::Type::Int || spec.type == ParamSpec::Type::Float;
}

/// A spin box for hyperparameters: shows values in their shortest form (1e-05, not
/// 0.000010000), accepts scientific notation, and steps by factors of ten (two for
/// integers) on log-scale parameters.
class NumberSpinBox : public QDoubleSpinBox
{
public:
    NumberSpinBox(const ParamSpec &spec, QWidget *parent)
        : QDoubleSpinBox(parent), m_integer(spec.type == ParamSpec::Type::Int), m_log(spec.logScale)
    {
        QLocale plain = locale();
        plain.setNumberOptions(QLocale::OmitGroupSeparator);
        setLocale(plain);
        setDecimals(m_integer ? 0 : 15);
        // Exclusive bounds stay reachable so that the inline message can explain them.
        setRange(std::isfinite(spec.minimum) ? spec.minimum : -unboundedLimit,
            std::isfinite(spec.maximum) ? spec.maximum : unboundedLimit);
        const double width = maximum() - minimum();
        setSingleStep(m_integer ? 1.0 : (width <= 1.0 ? 0.05 : 0.1));
        setAccelerated(true);
        setKeyboardTracking(true);
        setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }

    QString textFromValue(double value) const override
    {
        if (m_integer)
            return locale().toString(qint64(std::llround(value)));
        return locale().toString(value, 'g', 12);
    }

    double valueFromText(const QString &text) const override
    {
        bool ok = false;
        const double value = locale().toDouble(text.trimmed(), &ok);
        return ok ? value : this->value();
    }

    QValidator::State validate(QString &text, int &) const override
    {
        const QString trimmed = text.trimmed();
        bool ok = false;
        const double value = locale().toDouble(trimmed, &ok);
        if (ok && (!m_integer || value == std::round(value)))
            return value >= minimum() && value <= maximum() ? QValidator::Acceptable : QValidator::Intermediate;
        static const QRegularExpression partial(QStringLiteral("^[+-]?[0-9]*[.,]?[0-9]*([eE][+-]?[0-9]*)?$"));
        return partial.match(trimmed).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
    }

    void stepBy(int steps) override
    {
        if (!m_log) {
            QDoubleSpinBox::stepBy(steps);
            return;
        }
        const double factor = m_integer ? 2.0 : 10.0;
        double next = value();
        if (next <= 0.0)
            next = steps > 0 ? (m_integer ? 1.0 : 1e-4) : next;
        else
            next *= std::pow(factor, steps);
        if (m_integer)
            next = std::round(next);
        setValue(std::clamp(next, minimum(), maximum()));
    }

    /// The value as a typed QVariant (qint64 for integers).
    QVariant typedValue() const { return m_integer ? QVariant(qint64(std::llround(value()))) : QVariant(value()); }

private:
    bool m_integer;
    bool m_log;
};

QString renderValue(const QVariant &value)
{
    if (value.typeId() == QMetaType::Double)
        return QString::number(value.toDouble(), 'g', 12);
    if (value.typeId() == QMetaType::Bool)
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return value.toString();
}

QString renderJson(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double number = value.toDouble();
        return QString::number(number, 'g', 12);
    }
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return value.toString();
}

/// The default range a sweep starts from: the parameter's finite range, else a
/// span around the default (decades on a log scale).
std::pair<double, double> defaultSweepRange(const ParamSpec &spec)
{
    const double fallback = spec.defaultValue.toDouble();
    double low = 0.0;
    double high = 0.0;
    if (std::isfinite(spec.minimum) && std::isfinite(spec.maximum) && !spec.logScale) {
        const double width = spec.maximum - spec.minimum;
        low = spec.minimumInclusive ? spec.minimum : spec.minimum + width / 10.0;
        high = spec.maximumInclusive ? spec.maximum : spec.maximum - width / 10.0;
    } else if (spec.logScale) {
        low = fallback > 0.0 ? fallback / 10.0 : 1e-4;
        high = fallback > 0.0 ? fallback * 10.0 : 1.0;
    } else {
        low = fallback > 0.0 ? fallback / 2.0 : fallback - 1.0;
        high = fallback > 0.0 ? fallback * 2.0 : fallback + 10.0;
    }
    if (spec.type == ParamSpec::Type::Int) {
        low = std::ceil(low);
        high = std::floor(high);
    }
    low = std::max(low, spec.minimum);
    high = std::min(high, spec.maximum);
    return {low, std::max(low, high)};
}

QString tooltipFor(const ParamSpec &spec)
{
    QString text = QStringLiteral("<b>%1</b><br>%2<br><i>%3</i>")
                       .arg(spec.name.toHtmlEscaped(), spec.help.toHtmlEscaped(), spec.describe().toHtmlEscaped());
    if (spec.type == ParamSpec::Type::Text && !spec.textSyntax.isEmpty())
        text += QStringLiteral("<br>") + QObject::tr("Syntax: %1").arg(spec.textSyntax.toHtmlEscaped());
    return text;
}

/// The range part of describe() ("> 0", "0 to 1"), shown next to numeric editors.
QString rangeHint(const ParamSpec &spec)
{
    if (!isNumeric(spec))
        return {};
    const bool hasMin = std::isfinite(spec.minimum);
    const bool hasMax = std::isfinite(spec.maximum);
    const QString min = QString::number(spec.minimum, 'g', 6);
    const QString max = QString::number(spec.maximum, 'g', 6);
    QString hint;
    if (hasMin && hasMax)
        hint = QStringLiteral("%1%2 … %3%4")
                   .arg(spec.minimumInclusive ? QStringLiteral("[") : QStringLiteral("("), min, max,
                       spec.maximumInclusive ? QStringLiteral("]") : QStringLiteral(")"));
    else if (hasMin)
        hint = (spec.minimumInclusive ? QStringLiteral("≥ ") : QStringLiteral("> ")) + min;
    else if (hasMax)
        hint = (spec.maximumInclusive ? QStringLiteral("≤ ") : QStringLiteral("< ")) + max;
    if (spec.logScale)
        hint += (hint.isEmpty() ? QString() : QStringLiteral(", ")) + QObject::tr("log");
    return hint;
}

void setErrorPalette(QLabel *label)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, QColor(0xd3, 0x2f, 0x2f));
    label->setPalette(palette);
}

} // namespace

struct ParamForm::Row {
    ParamSpec spec;
    QLabel *label = nullptr;
    QStackedWidget *stack = nullptr;
    QWidget *fixed = nullptr; // NumberSpinBox, QComboBox, QCheckBox or QLineEdit
    QToolButton *sweepToggle = nullptr;
    QLabel *error = nullptr;
    // Sweep page.
    QComboBox *sweepMode = nullptr; // numeric: range or values
    QWidget *rangeBox = nullptr;
    NumberSpinBox *sweepMin = nullptr;
    NumberSpinBox *sweepMax = nullptr;
    QLabel *stepsLabel = nullptr;
    QSpinBox *sweepSteps = nullptr;
    QCheckBox *sweepLog = nullptr;
    QLineEdit *sweepList = nullptr;

    bool swept() const { return sweepToggle->isChecked(); }
    bool rangeMode() const { return sweepMode && sweepMode->currentIndex() == 0; }

    QVariant value() const
    {
        switch (spec.type) {
        case ParamSpec::Type::Int:
        case ParamSpec::Type::Float: return static_cast<NumberSpinBox *>(fixed)->typedValue();
        case ParamSpec::Type::Choice: return static_cast<QComboBox *>(fixed)->currentText();
        case ParamSpec::Type::Bool: return static_cast<QCheckBox *>(fixed)->isChecked();
        case ParamSpec::Type::Text: return static_cast<QLineEdit *>(fixed)->text().trimmed();
        }
        return {};
    }

    void setValue(const QVariant &value)
    {
        switch (spec.type) {
        case ParamSpec::Type::Int:
        case ParamSpec::Type::Float: static_cast<NumberSpinBox *>(fixed)->setValue(value.toDouble()); break;
        case ParamSpec::Type::Choice: {
            auto *combo = static_cast<QComboBox *>(fixed);
            const int index = combo->findText(value.toString());
            if (index >= 0)
                combo->setCurrentIndex(index);
            break;
        }
        case ParamSpec::Type::Bool: static_cast<QCheckBox *>(fixed)->setChecked(value.toBool()); break;
        case ParamSpec::Type::Text: static_cast<QLineEdit *>(fixed)->setText(renderValue(value)); break;
        }
    }

    QStringList listItems() const
    {
        QStringList items;
        for (const QString &part : sweepList->text().split(listSeparator)) {
            if (!part.trimmed().isEmpty())
                items << part.trimmed();
        }
        return items;
    }
};

ParamForm::ParamForm(QWidget *parent) : QWidget(parent), m_grid(new QGridLayout(this))
{
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setHorizontalSpacing(8);
    m_grid->setVerticalSpacing(4);
    m_grid->setColumnStretch(1, 1);
}

ParamForm::~ParamForm()
{
    qDeleteAll(m_rows);
}

void ParamForm::setSpecs(const QList<Learn::ParamSpec> &specs)
{
    for (Row *row : std::as_const(m_rows)) {
        delete row->label;
        delete row->stack;
        delete row->sweepToggle;
        delete row->error;
    }
    qDeleteAll(m_rows);
    m_rows.clear();
    m_specs = specs;

    int gridRow = 0;
    for (const ParamSpec &spec : specs) {
        auto *row = new Row;
        row->spec = spec;
        const QString tooltip = tooltipFor(spec);
        row->stack = new QStackedWidget(this);

        // The fixed value.
        auto *fixedPage = new QWidget(row->stack);
        auto *fixedLayout = new QHBoxLayout(fixedPage);
        fixedLayout->setContentsMargins(0, 0, 0, 0);
        switch (spec.type) {
        case ParamSpec::Type::Int:
        case ParamSpec::Type::Float: {
            auto *spin = new NumberSpinBox(spec, fixedPage);
            spin->setValue(spec.defaultValue.toDouble());
            spin->setMinimumWidth(110);
            connect(spin, &QDoubleSpinBox::valueChanged, this, [this, row] {
                validateRow(*row);
                Q_EMIT changed();
            });
            row->fixed = spin;
            break;
        }
        case ParamSpec::Type::Choice: {
            auto *combo = new QComboBox(fixedPage);
            combo->addItems(spec.choices);
            combo->setCurrentText(spec.defaultValue.toString());
            connect(combo, &QComboBox::currentIndexChanged, this, [this, row] {
                validateRow(*row);
                Q_EMIT changed();
            });
            row->fixed = combo;
            break;
        }
        case ParamSpec::Type::Bool: {
            auto *check = new QCheckBox(fixedPage);
            check->setChecked(spec.defaultValue.toBool());
            connect(check, &QCheckBox::toggled, this, [this, row] {
                validateRow(*row);
                Q_EMIT changed();
            });
            row->fixed = check;
            break;
        }
        case ParamSpec::Type::Text: {
            auto *edit = new QLineEdit(fixedPage);
            edit->setText(spec.defaultValue.toString());
            edit->setPlaceholderText(spec.textSyntax);
            connect(edit, &QLineEdit::textChanged, this, [this, row] {
                validateRow(*row);
                Q_EMIT changed();
            });
            row->fixed = edit;
            break;
        }
        }
        row->fixed->setObjectName(spec.name);
        row->fixed->setToolTip(tooltip);
        fixedLayout->addWidget(row->fixed, spec.type == ParamSpec::Type::Bool ? 0 : 1);
        const QString hint = rangeHint(spec);
        if (!hint.isEmpty()) {
            auto *hintLabel = new QLabel(hint, fixedPage);
            hintLabel->setObjectName(spec.name + QStringLiteral("Range"));
            hintLabel->setForegroundRole(QPalette::PlaceholderText);
            hintLabel->setToolTip(tr("Valid values of %1").arg(spec.name));
            hintLabel->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("(0 … 1), log")));
            fixedLayout->addWidget(hintLabel);
        }
        if (spec.type == ParamSpec::Type::Bool)
            fixedLayout->addStretch(1);
        row->stack->addWidget(fixedPage);

        // The sweep.
        auto *sweepPage = new QWidget(row->stack);
        auto *sweepLayout = new QHBoxLayout(sweepPage);
        sweepLayout->setContentsMargins(0, 0, 0, 0);
        row->sweepList = new QLineEdit(sweepPage);
        row->sweepList->setObjectName(spec.name + QStringLiteral("SweepValues"));
        row->sweepList->setToolTip(tr("The values %1 takes in the sweep, separated by semicolons").arg(spec.name));
        switch (spec.type) {
        case ParamSpec::Type::Choice:
            row->sweepList->setText(spec.choices.join(listSeparator + QLatin1Char(' ')));
            break;
        case ParamSpec::Type::Bool: row->sweepList->setText(QStringLiteral("true; false")); break;
        default: row->sweepList->setText(renderValue(spec.defaultValue)); break;
        }
        if (isNumeric(spec)) {
            row->sweepMode = new QComboBox(sweepPage);
            row->sweepMode->setObjectName(spec.name + QStringLiteral("SweepMode"));
            row->sweepMode->addItem(tr("Range"));
            row->sweepMode->addItem(tr("Values"));
            row->sweepMode->setToolTip(tr("Sweep a range from min to max, or a list of values"));
            row->rangeBox = new QWidget(sweepPage);
            auto *rangeLayout = new QHBoxLayout(row->rangeBox);
            rangeLayout->setContentsMargins(0, 0, 0, 0);
            row->sweepMin = new NumberSpinBox(spec, row->rangeBox);
            row->sweepMin->setObjectName(spec.name + QStringLiteral("SweepMin"));
            row->sweepMin->setToolTip(tr("Smallest value of %1 in the sweep").arg(spec.name));
            row->sweepMax = new NumberSpinBox(spec, row->rangeBox);
            row->sweepMax->setObjectName(spec.name + QStringLiteral("SweepMax"));
            row->sweepMax->setToolTip(tr("Largest value of %1 in the sweep").arg(spec.name));
            const auto [low, high] = defaultSweepRange(spec);
            row->sweepMin->setValue(low);
            row->sweepMax->setValue(high);
            row->stepsLabel = new QLabel(tr("steps"), row->rangeBox);
            row->sweepSteps = new QSpinBox(row->rangeBox);
            row->sweepSteps->setObjectName(spec.name + QStringLiteral("SweepSteps"));
            row->sweepSteps->setRange(2, 1000);
            row->sweepSteps->setValue(5);
            row->sweepSteps->setToolTip(tr("Grid search: how many values from min to max"));
            row->sweepLog = new QCheckBox(tr("log"), row->rangeBox);
            row->sweepLog->setObjectName(spec.name + QStringLiteral("SweepLog"));
            row->sweepLog->setChecked(spec.logScale);
            row->sweepLog->setToolTip(tr("Space the values (or draw them) on a log scale"));
            rangeLayout->addWidget(row->sweepMin, 1);
            rangeLayout->addWidget(new QLabel(QStringLiteral("–"), row->rangeBox));
            rangeLayout->addWidget(row->sweepMax, 1);
            rangeLayout->addWidget(row->stepsLabel);
            rangeLayout->addWidget(row->sweepSteps);
            rangeLayout->addWidget(row->sweepLog);
            sweepLayout->addWidget(row->sweepMode);
            sweepLayout->addWidget(row->rangeBox, 1);
            row->sweepList->hide();
            connect(row->sweepMode, &QComboBox::currentIndexChanged, this, [this, row](int index) {
                row->rangeBox->setVisible(index == 0);
                row->sweepList->setVisible(index != 0);
                validateRow(*row);
                Q_EMIT changed();
            });
            const auto emitChanged = [this, row] {
                validateRow(*row);
                Q_EMIT changed();
            };
            connect(row->sweepMin, &QDoubleSpinBox::valueChanged, this, emitChanged);
            connect(row->sweepMax, &QDoubleSpinBox::valueChanged, this, emitChanged);
            connect(row->sweepSteps, &QSpinBox::valueChanged, this, emitChanged);
            connect(row->sweepLog, &QCheckBox::toggled, this, emitChanged);
        }
        sweepLayout->addWidget(row->sweepList, 1);
        connect(row->sweepList, &QLineEdit::textChanged, this, [this, row] {
            validateRow(*row);
            Q_EMIT changed();
        });
        row->stack->addWidget(sweepPage);

        row->label = new QLabel(spec.name, this);
        row->label->setBuddy(row->fixed);
        row->label->setToolTip(tooltip);
        row->sweepToggle = new QToolButton(this);
        row->sweepToggle->setObjectName(spec.name + QStringLiteral("Sweep"));
        row->sweepToggle->setText(tr("Sweep"));
        row->sweepToggle->setCheckable(true);
        row->sweepToggle->setAutoRaise(false);
        row->sweepToggle->setToolTip(tr("Vary %1 in a sweep: over a range or a list of values").arg(spec.name));
        connect(row->sweepToggle, &QToolButton::toggled, this, [this, row](bool on) {
            row->stack->setCurrentIndex(on ? 1 : 0);
            validateRow(*row);
            Q_EMIT changed();
        });
        row->error = new QLabel(this);
        row->error->setObjectName(spec.name + QStringLiteral("Error"));
        row->error->setWordWrap(true);
        // A long message wraps; it never widens the form.
        row->error->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        setErrorPalette(row->error);
        row->error->hide();

        m_grid->addWidget(row->label, gridRow, 0);
        m_grid->addWidget(row->stack, gridRow, 1);
        m_grid->addWidget(row->sweepToggle, gridRow, 2);
        m_grid->addWidget(row->error, gridRow + 1, 1, 1, 2);
        gridRow += 2;
        m_rows << row;
        validateRow(*row);
    }
    m_grid->setRowStretch(m_stretchRow, 0);
    m_stretchRow = gridRow;
    m_grid->setRowStretch(m_stretchRow, 1);
    setRandomSearch(m_random);
    Q_EMIT changed();
}

void ParamForm::validateRow(Row &row) const
{
    QString message;
    if (!row.swept()) {
        const auto valid = row.spec.validate(row.value());
        if (!valid.ok())
            message = valid.error().message;
    } else if (row.rangeMode()) {
        for (const NumberSpinBox *end : {row.sweepMin, row.sweepMax}) {
            const auto valid = row.spec.validate(end->typedValue());
            if (!valid.ok()) {
                message = tr("sweep: %1").arg(valid.error().message);
                break;
            }
        }
        if (message.isEmpty() && row.sweepMin->value() > row.sweepMax->value())
            message = tr("sweep: the minimum is above the maximum");
    } else {
        const QStringList items = row.listItems();
        if (items.isEmpty())
            message = tr("sweep: give at least one value of %1, separated by semicolons").arg(row.spec.name);
        for (const QString &item : items) {
            const auto parsed = row.spec.parse(item);
            if (!parsed.ok()) {
                message = tr("sweep: %1").arg(parsed.error().message);
                break;
            }
        }
    }
    row.error->setText(message);
    row.error->setVisible(!message.isEmpty());
}

QJsonValue ParamForm::fixedValue(const Row &row) const
{
    return QJsonValue::fromVariant(row.value());
}

ParamForm::Row *ParamForm::findRow(const QString &name) const
{
    for (Row *row : m_rows) {
        if (row->spec.name == name)
            return row;
    }
    return nullptr;
}

void ParamForm::setValues(const Learn::ParamValues &values)
{
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        if (Row *row = findRow(it.key()))
            row->setValue(it.value());
    }
}

QJsonObject ParamForm::values() const
{
    QJsonObject json;
    for (const Row *row : m_rows) {
        if (row->swept())
            continue;
        const QVariant value = row->value();
        const auto typed = row->spec.validate(value);
        const bool isDefault = typed.ok() && typed.value() == row->spec.defaultValue;
        if (!isDefault)
            json.insert(row->spec.name, fixedValue(*row));
    }
    return json;
}

void ParamForm::setRandomSearch(bool random)
{
    m_random = random;
    for (Row *row : std::as_const(m_rows)) {
        if (row->sweepSteps) {
            row->sweepSteps->setVisible(!random);
            row->stepsLabel->setVisible(!random);
        }
    }
    Q_EMIT changed();
}

void ParamForm::setSwept(const QString &name, bool swept)
{
    if (Row *row = findRow(name))
        row->sweepToggle->setChecked(swept);
}

bool ParamForm::isSwept(const QString &name) const
{
    const Row *row = findRow(name);
    return row && row->swept();
}

void ParamForm::setSweepParams(const QJsonObject &params)
{
    for (auto it = params.constBegin(); it != params.constEnd(); ++it) {
        Row *row = findRow(it.key());
        if (!row)
            continue;
        if (it.value().isObject() && row->sweepMode) {
            const QJsonObject range = it.value().toObject();
            row->sweepMode->setCurrentIndex(0);
            row->sweepMin->setValue(range.value(QStringLiteral("min")).toDouble());
            row->sweepMax->setValue(range.value(QStringLiteral("max")).toDouble());
            if (range.contains(QStringLiteral("steps")))
                row->sweepSteps->setValue(range.value(QStringLiteral("steps")).toInt());
            row->sweepLog->setChecked(range.value(QStringLiteral("log")).toBool(row->spec.logScale));
        } else if (it.value().isArray()) {
            if (row->sweepMode)
                row->sweepMode->setCurrentIndex(1);
            QStringList items;
            for (const QJsonValue &value : it.value().toArray())
                items << renderJson(value);
            row->sweepList->setText(items.join(listSeparator + QLatin1Char(' ')));
        }
        row->sweepToggle->setChecked(true);
        validateRow(*row);
    }
    Q_EMIT changed();
}

QJsonObject ParamForm::sweepParams() const
{
    QJsonObject json;
    for (const Row *row : m_rows) {
        if (!row->swept())
            continue;
        if (row->rangeMode()) {
            QJsonObject range;
            range.insert(QStringLiteral("min"), QJsonValue::fromVariant(row->sweepMin->typedValue()));
            range.insert(QStringLiteral("max"), QJsonValue::fromVariant(row->sweepMax->typedValue()));
            if (row->sweepLog->isChecked() != row->spec.logScale)
                range.insert(QStringLiteral("log"), row->sweepLog->isChecked());
            if (!m_random)
                range.insert(QStringLiteral("steps"), row->sweepSteps->value());
            json.insert(row->spec.name, range);
        } else {
            QJsonArray values;
            for (const QString &item : row->listItems()) {
                const auto parsed = row->spec.parse(item);
                values.append(parsed.ok() ? QJsonValue::fromVariant(parsed.value()) : QJsonValue(item));
            }
            json.insert(row->spec.name, values);
        }
    }
    return json;
}

QString ParamForm::firstError() const
{
    for (const Row *row : m_rows) {
        const QString message = row->error->text();
        if (message.isEmpty())
            continue;
        // ParamSpec's messages name the parameter already ("C must be > 0, got 0").
        if (message.startsWith(row->spec.name + QLatin1Char(' '))
            || message.startsWith(row->spec.name + QLatin1Char(':')))
            return message;
        return QStringLiteral("%1: %2").arg(row->spec.name, message);
    }
    return {};
}

QWidget *ParamForm::editor(const QString &name) const
{
    const Row *row = findRow(name);
    return row ? row->fixed : nullptr;
}

QString ParamForm::errorText(const QString &name) const
{
    const Row *row = findRow(name);
    return row ? row->error->text() : QString();
}

} // namespace Tandem::Ui
