#include "production/Sha256.h"

#include <QCryptographicHash>

#include <cstdint>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define MLWB_SHA_NI 1
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace mlwb {

namespace {

QByteArray portable(std::initializer_list<QByteArrayView> parts)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QByteArrayView part : parts)
        hash.addData(part);
    return hash.result();
}

#ifdef MLWB_SHA_NI

bool cpuHasShaNi()
{
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
        return false;
    const bool sha = (b >> 29) & 1;
    if (!__get_cpuid(1, &a, &b, &c, &d))
        return false;
    const bool ssse3 = (c >> 9) & 1, sse41 = (c >> 19) & 1;
    return sha && ssse3 && sse41;
}

alignas(16) constexpr std::uint32_t kRound[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

// The compression function over whole 64-byte blocks (Intel's SHA extensions: two rounds per
// sha256rnds2, the message schedule four words at a time with sha256msg1/msg2).
__attribute__((target("sha,sse4.1,ssse3"))) void compress(std::uint32_t state[8], const unsigned char *data, size_t blocks)
{
    const __m128i byteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i tmp = _mm_loadu_si128(reinterpret_cast<const __m128i *>(&state[0]));
    __m128i state1 = _mm_loadu_si128(reinterpret_cast<const __m128i *>(&state[4]));
    tmp = _mm_shuffle_epi32(tmp, 0xB1);          // CDAB
    state1 = _mm_shuffle_epi32(state1, 0x1B);    // EFGH
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8); // ABEF
    state1 = _mm_blend_epi16(state1, tmp, 0xF0); // CDGH

    for (; blocks > 0; --blocks, data += 64) {
        const __m128i abefSaved = state0, cdghSaved = state1;
        __m128i w[4]; // w[g % 4]: words 4g … 4g+3 of the schedule
#pragma GCC unroll 16
        for (int g = 0; g < 16; ++g) {
            if (g < 4)
                w[g] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(data + 16 * g)), byteSwap);
            __m128i message = _mm_add_epi32(w[g % 4], _mm_load_si128(reinterpret_cast<const __m128i *>(&kRound[4 * g])));
            state1 = _mm_sha256rnds2_epu32(state1, state0, message);
            message = _mm_shuffle_epi32(message, 0x0E);
            state0 = _mm_sha256rnds2_epu32(state0, state1, message);
            // Words 4(g+1) …: σ0 and W[t−16] were added by msg1 two steps ago, W[t−7] now, σ1 by msg2.
            if (g >= 3 && g <= 14) {
                __m128i &next = w[(g + 1) % 4];
                next = _mm_add_epi32(next, _mm_alignr_epi8(w[g % 4], w[(g + 3) % 4], 4));
                next = _mm_sha256msg2_epu32(next, w[g % 4]);
            }
            if (g >= 1 && g <= 12)
                w[(g + 3) % 4] = _mm_sha256msg1_epu32(w[(g + 3) % 4], w[g % 4]);
        }
        state0 = _mm_add_epi32(state0, abefSaved);
        state1 = _mm_add_epi32(state1, cdghSaved);
    }

    tmp = _mm_shuffle_epi32(state0, 0x1B);       // FEBA
    state1 = _mm_shuffle_epi32(state1, 0xB1);    // DCHG
    state0 = _mm_blend_epi16(tmp, state1, 0xF0); // DCBA
    state1 = _mm_alignr_epi8(state1, tmp, 8);    // ABEF
    _mm_storeu_si128(reinterpret_cast<__m128i *>(&state[0]), state0);
    _mm_storeu_si128(reinterpret_cast<__m128i *>(&state[4]), state1);
}

QByteArray withShaNi(std::initializer_list<QByteArrayView> parts)
{
    std::uint32_t state[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                              0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    unsigned char block[128];
    size_t buffered = 0;
    std::uint64_t total = 0;
    for (const QByteArrayView part : parts) {
        const auto *p = reinterpret_cast<const unsigned char *>(part.data());
        size_t n = size_t(part.size());
        total += n;
        if (buffered > 0) {
            const size_t take = std::min(n, 64 - buffered);
            std::memcpy(block + buffered, p, take);
            buffered += take;
            p += take;
            n -= take;
            if (buffered < 64)
                continue;
            compress(state, block, 1);
            buffered = 0;
        }
        compress(state, p, n / 64);
        p += n / 64 * 64;
        n %= 64;
        std::memcpy(block, p, n);
        buffered = n;
    }
    // Padding: 0x80, zeros, the length in bits (big-endian) at the end of the last block.
    block[buffered++] = 0x80;
    const size_t padded = buffered <= 56 ? 64 : 128;
    std::memset(block + buffered, 0, padded - buffered);
    const std::uint64_t bits = total * 8;
    for (int i = 0; i < 8; ++i)
        block[padded - 1 - i] = static_cast<unsigned char>(bits >> (8 * i));
    compress(state, block, padded / 64);

    QByteArray digest(32, Qt::Uninitialized);
    for (int i = 0; i < 8; ++i)
        for (int j = 0; j < 4; ++j)
            digest[4 * i + j] = char(state[i] >> (24 - 8 * j));
    return digest;
}

#endif

} // namespace

QByteArray sha256(std::initializer_list<QByteArrayView> parts)
{
#ifdef MLWB_SHA_NI
    static const bool shaNi = cpuHasShaNi();
    if (shaNi)
        return withShaNi(parts);
#endif
    return portable(parts);
}

} // namespace mlwb
