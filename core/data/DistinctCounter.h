// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <memory>
#include <string_view>
#include <vector>

namespace Tandem::Data {

/// A 64-bit hash of bytes (FNV-1a finished with a MurmurHash3 mix), the same on
/// every platform and in every process, so estimates are reproducible.
quint64 hashBytes(std::string_view bytes);
/// MurmurHash3's 64-bit finaliser: spreads a 64-bit key over all bits.
quint64 mixBits(quint64 key);

/// HyperLogLog cardinality sketch with 2^precision one-byte registers.
///
/// The estimate is Ertl's improved estimator ("New cardinality estimation
/// algorithms for HyperLogLog sketches", 2017), which needs neither bias tables
/// nor a switch to linear counting and is unbiased from 0 to 2^64 values. Its
/// relative standard error is about 1.04 / sqrt(2^precision): 0.41 % with the
/// default precision 16 (64 KiB of registers). Adding a value twice changes
/// nothing, so the estimate does not depend on order or repetition.
class HyperLogLog
{
public:
    explicit HyperLogLog(int precision = 16);

    /// Adds a value by its 64-bit hash (use hashBytes() or mixBits()).
    void addHash(quint64 hash);
    double estimate() const;

private:
    int m_precision;
    std::vector<quint8> m_registers;
};

/// Counts distinct 64-bit keys: exactly, in an open-addressing hash set, up to
/// `exactLimit` distinct keys; beyond that the set is folded into a HyperLogLog
/// and the count becomes an estimate (isEstimated()). Keys are compared exactly,
/// so callers pass an exact identity (a double's bit pattern, an integer) rather
/// than a hash when they can.
class DistinctCounter
{
public:
    explicit DistinctCounter(qint64 exactLimit = 100000);

    void add(quint64 key);
    /// Distinct keys seen: exact while !isEstimated(), else rounded HyperLogLog estimate.
    qint64 count() const;
    bool isEstimated() const { return m_sketch != nullptr; }

private:
    void grow();
    void overflow();

    qint64 m_exactLimit;
    std::vector<quint64> m_slots; // open addressing, linear probing; 0 marks an empty slot
    qint64 m_size = 0; // keys in m_slots
    bool m_hasZero = false; // key 0 is counted here, as 0 marks empty slots
    std::unique_ptr<HyperLogLog> m_sketch;
};

} // namespace Tandem::Data
