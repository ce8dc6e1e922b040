// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/learn/ParamSpec.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QWidget>

class QGridLayout;

namespace Tandem::Ui {

/// A hyperparameter form generated from a model family's ParamSpecs: one editor per
/// parameter (a spin box for Int and Float, with log steps for log-scale
/// parameters; a combo box for Choice; a check box for Bool; a line edit for Text),
/// the parameter's help and range as its tooltip, and the ParamSpec::validate
/// message shown inline under an invalid value.
///
/// Each parameter has a "Sweep" toggle that turns its editor into the values a
/// sweep gives it: a range (min, max, steps, log) for numbers, or a list of values
/// separated by semicolons. values() and sweepParams() give what a RunSpec's
/// model.params and sweep.params hold.
class ParamForm : public QWidget
{
    Q_OBJECT
public:
    explicit ParamForm(QWidget *parent = nullptr);
    ~ParamForm() override;

    /// Rebuilds the form for `specs`, every editor at its default, nothing swept.
    void setSpecs(const QList<Learn::ParamSpec> &specs);
    const QList<Learn::ParamSpec> &specs() const { return m_specs; }

    /// Sets the fixed values given (others keep what they show). Values are shown as
    /// they are, so an invalid one is marked.
    void setValues(const Learn::ParamValues &values);
    /// The fixed values that differ from their defaults, swept parameters left out,
    /// as JSON values (an invalid entry as typed, so that validation names it).
    QJsonObject values() const;

    /// Grid sweeps take `steps` per range; random searches draw from it and take none.
    void setRandomSearch(bool random);
    /// Turns the sweep editor of `name` on or off.
    void setSwept(const QString &name, bool swept);
    bool isSwept(const QString &name) const;
    /// Fills sweep editors from a SweepSpec's `params` JSON (turning them on).
    void setSweepParams(const QJsonObject &params);
    /// The swept parameters as `sweep.params` JSON; empty when none is swept.
    QJsonObject sweepParams() const;

    /// The message of the first invalid value, naming its parameter ("C must be > 0,
    /// got 0", "C: sweep: the minimum is above the maximum");
    /// empty when every value is valid.
    QString firstError() const;

    /// The editor of parameter `name` (its object name is the parameter's), for tests.
    QWidget *editor(const QString &name) const;
    /// The inline error label of `name`.
    QString errorText(const QString &name) const;

Q_SIGNALS:
    /// A value, a sweep toggle or a sweep range changed.
    void changed();

private:
    struct Row;
    void validateRow(Row &row) const;
    QJsonValue fixedValue(const Row &row) const;
    Row *findRow(const QString &name) const;

    QList<Learn::ParamSpec> m_specs;
    QList<Row *> m_rows;
    QGridLayout *m_grid;
    bool m_random = false;
    int m_stretchRow = 0;
};

} // namespace Tandem::Ui
