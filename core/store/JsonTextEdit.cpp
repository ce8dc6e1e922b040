// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/JsonTextEdit.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

namespace Tandem::Store {
namespace {

/// Finds where a value lies in JSON text, without building the document: enough
/// of a scanner to step over strings, literals and nested containers. The text is
/// known to parse (QJsonDocument read it first), so it only needs to stay in bounds.
class ValueLocator
{
public:
    explicit ValueLocator(const QByteArray &text) : m_text(text) { }

    /// The [begin, end) of the value at `keyPath`, or {-1, -1}.
    std::pair<qsizetype, qsizetype> find(const QList<QByteArray> &keyPath)
    {
        m_pos = 0;
        m_found = {-1, -1};
        value(keyPath, 0, true);
        return m_found;
    }

private:
    void skipSpace()
    {
        while (m_pos < m_text.size()
            && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n' || m_text[m_pos] == '\r'))
            ++m_pos;
    }

    /// Steps over a string (m_pos on its opening quote) and returns its raw bytes.
    QByteArray string()
    {
        const qsizetype begin = ++m_pos;
        while (m_pos < m_text.size() && m_text[m_pos] != '"')
            m_pos += m_text[m_pos] == '\\' ? 2 : 1;
        const QByteArray raw = m_text.mid(begin, m_pos - begin);
        ++m_pos;
        return raw;
    }

    /// Steps over one value; `onPath` says whether keyPath[depth] is looked for in it.
    void value(const QList<QByteArray> &keyPath, qsizetype depth, bool onPath)
    {
        skipSpace();
        if (m_pos >= m_text.size())
            return;
        const char c = m_text[m_pos];
        if (c == '"') {
            string();
        } else if (c == '{' || c == '[') {
            const bool object = c == '{';
            ++m_pos;
            skipSpace();
            while (m_pos < m_text.size() && m_text[m_pos] != (object ? '}' : ']')) {
                bool childOnPath = false;
                if (object) {
                    // Keys are compared as written: an escaped key does not match, which
                    // the check of the result then reports.
                    const QByteArray key = string();
                    skipSpace();
                    ++m_pos; // ':'
                    childOnPath = onPath && depth < keyPath.size() && key == keyPath.at(depth);
                }
                skipSpace();
                const qsizetype begin = m_pos;
                value(keyPath, depth + 1, childOnPath);
                if (childOnPath && depth + 1 == keyPath.size())
                    m_found = {begin, m_pos};
                skipSpace();
                if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                    ++m_pos;
                    skipSpace();
                }
            }
            ++m_pos;
        } else {
            while (m_pos < m_text.size() && !QByteArrayView(",]} \t\r\n").contains(m_text[m_pos]))
                ++m_pos;
        }
    }

    const QByteArray &m_text;
    qsizetype m_pos = 0;
    std::pair<qsizetype, qsizetype> m_found {-1, -1};
};

/// `json` with the value at `keyPath` replaced (the path is known to exist).
QJsonObject withValue(QJsonObject json, QStringList keyPath, const QJsonValue &value)
{
    const QString key = keyPath.takeFirst();
    json.insert(key, keyPath.isEmpty() ? value : QJsonValue(withValue(json.value(key).toObject(), keyPath, value)));
    return json;
}

} // namespace

Base::Result<QByteArray> replaceJsonString(
    const QByteArray &json, const QStringList &keyPath, const QString &value, const QString &source)
{
    const QString field = keyPath.join(QLatin1Char('.'));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return Base::Error(QStringLiteral("not a JSON object"), source);
    QJsonValue current = document.object();
    for (const QString &key : keyPath)
        current = current.toObject().value(key);
    if (!current.isString())
        return Base::Error(QStringLiteral("%1 is not a string").arg(field), source);

    QList<QByteArray> keys;
    for (const QString &key : keyPath)
        keys << key.toUtf8();
    const auto [begin, end] = ValueLocator(json).find(keys);
    // The new value written as JSON writes a string: quotes and escapes included.
    const QByteArray literal = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact).chopped(1).mid(1);
    QByteArray edited = json;
    if (begin >= 0)
        edited.replace(begin, end - begin, literal);

    const QJsonDocument check = QJsonDocument::fromJson(edited);
    if (begin < 0 || check.object() != withValue(document.object(), keyPath, value))
        return Base::Error(QStringLiteral("cannot rewrite %1 in place").arg(field), source);
    return edited;
}

} // namespace Tandem::Store
