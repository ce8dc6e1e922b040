// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/DistinctCounter.h"

#include <bit>
#include <cmath>
#include <limits>

namespace Tandem::Data {

quint64 mixBits(quint64 key)
{
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    key *= 0xc4ceb9fe1a85ec53ULL;
    key ^= key >> 33;
    return key;
}

quint64 hashBytes(std::string_view bytes)
{
    quint64 hash = 0xcbf29ce484222325ULL;
    for (const char byte : bytes) {
        hash ^= static_cast<quint8>(byte);
        hash *= 0x100000001b3ULL;
    }
    return mixBits(hash ^ bytes.size());
}

HyperLogLog::HyperLogLog(int precision)
    : m_precision(qBound(4, precision, 18)), m_registers(std::size_t(1) << m_precision, 0)
{ }

void HyperLogLog::addHash(quint64 hash)
{
    const auto index = static_cast<std::size_t>(hash >> (64 - m_precision));
    // The rank of the remaining 64 - p bits: position of the first 1, or 64 - p + 1 if none.
    const quint64 rest = hash << m_precision;
    const int limit = 64 - m_precision;
    const int rank = rest == 0 ? limit + 1 : std::min(std::countl_zero(rest) + 1, limit + 1);
    if (m_registers[index] < rank)
        m_registers[index] = static_cast<quint8>(rank);
}

namespace {

double sigma(double x)
{
    if (x == 1.0)
        return std::numeric_limits<double>::infinity();
    double y = 1.0;
    double z = x;
    for (;;) {
        x *= x;
        const double previous = z;
        z += x * y;
        y += y;
        if (z == previous)
            return z;
    }
}

double tau(double x)
{
    if (x == 0.0 || x == 1.0)
        return 0.0;
    double y = 1.0;
    double z = 1.0 - x;
    for (;;) {
        x = std::sqrt(x);
        const double previous = z;
        y *= 0.5;
        z -= (1.0 - x) * (1.0 - x) * y;
        if (z == previous)
            return z / 3.0;
    }
}

} // namespace

double HyperLogLog::estimate() const
{
    const int q = 64 - m_precision;
    std::vector<qint64> histogram(static_cast<std::size_t>(q + 2), 0);
    for (const quint8 value : m_registers)
        ++histogram[value];
    const auto m = static_cast<double>(m_registers.size());
    double z = m * tau(1.0 - static_cast<double>(histogram[static_cast<std::size_t>(q + 1)]) / m);
    for (int k = q; k >= 1; --k)
        z = 0.5 * (z + static_cast<double>(histogram[static_cast<std::size_t>(k)]));
    z += m * sigma(static_cast<double>(histogram[0]) / m);
    const double alphaInfinity = 0.5 / std::log(2.0);
    return alphaInfinity * m * m / z;
}

DistinctCounter::DistinctCounter(qint64 exactLimit) : m_exactLimit(std::max<qint64>(exactLimit, 0))
{
    m_slots.assign(64, 0);
}

void DistinctCounter::add(quint64 key)
{
    if (m_sketch) {
        m_sketch->addHash(mixBits(key));
        return;
    }
    if (key == 0) {
        if (!m_hasZero) {
            m_hasZero = true;
            if (count() > m_exactLimit)
                overflow();
        }
        return;
    }
    const std::size_t mask = m_slots.size() - 1;
    std::size_t i = static_cast<std::size_t>(mixBits(key)) & mask;
    while (m_slots[i] != 0) {
        if (m_slots[i] == key)
            return;
        i = (i + 1) & mask;
    }
    m_slots[i] = key;
    ++m_size;
    if (count() > m_exactLimit)
        overflow();
    else if (static_cast<std::size_t>(m_size) * 2 > m_slots.size())
        grow();
}

qint64 DistinctCounter::count() const
{
    if (m_sketch)
        return std::llround(m_sketch->estimate());
    return m_size + (m_hasZero ? 1 : 0);
}

void DistinctCounter::grow()
{
    std::vector<quint64> old(m_slots.size() * 2, 0);
    old.swap(m_slots);
    const std::size_t mask = m_slots.size() - 1;
    for (const quint64 key : old) {
        if (key == 0)
            continue;
        std::size_t i = static_cast<std::size_t>(mixBits(key)) & mask;
        while (m_slots[i] != 0)
            i = (i + 1) & mask;
        m_slots[i] = key;
    }
}

void DistinctCounter::overflow()
{
    m_sketch = std::make_unique<HyperLogLog>();
    for (const quint64 key : m_slots) {
        if (key != 0)
            m_sketch->addHash(mixBits(key));
    }
    if (m_hasZero)
        m_sketch->addHash(mixBits(0));
    std::vector<quint64>().swap(m_slots);
    m_size = 0;
}

} // namespace Tandem::Data
