// Shared by the compiled archive code (Dataset, RegionHierarchy, micro
// accumulators): the "GENDEX" envelope around a Boost archive, and load
// helpers that never trust a length field beyond the archive's own size.
// Private to src/: the public headers stay free of Boost.
#pragma once

#include <boost/archive/archive_exception.hpp>
#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>
#include <boost/archive/text_iarchive.hpp>
#include <boost/archive/text_oarchive.hpp>
#include <boost/crc.hpp>
#include <boost/serialization/array_wrapper.hpp>
#include <boost/serialization/binary_object.hpp>
#include <boost/serialization/split_free.hpp>
#include <boost/serialization/version.hpp>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "gendex/error.hpp"
#include "gendex/io/encoding.hpp"
#include "gendex/serialization.hpp"

namespace gendex::archive_support {

// Every length read from an archive must fit in the bytes the archive has;
// set per load, per thread.
inline thread_local std::size_t length_budget = 0;

template <class Archive>
std::uint64_t load_length(Archive& ar, std::size_t element_bytes_at_least = 1) {
    std::uint64_t n = 0;
    ar >> n;
    if (n > length_budget / element_bytes_at_least)
        throw archive_error("length field " + std::to_string(n) + " exceeds what an archive of " +
                            std::to_string(length_budget) + " bytes can hold (corrupted archive)");
    return n;
}

template <class Archive>
void save_string(Archive& ar, const std::string& s) {
    const std::uint64_t n = s.size();
    ar << n;
    if (n) ar << boost::serialization::make_binary_object(const_cast<char*>(s.data()), n);
}

template <class Archive>
std::string load_string(Archive& ar) {
    std::string s(load_length(ar), '\0');
    if (!s.empty()) ar >> boost::serialization::make_binary_object(s.data(), s.size());
    // Every text gendex writes is UTF-8; anything else is damage (and would not survive a CSV).
    if (const std::size_t bad = io::first_invalid_utf8(s); bad != std::string::npos) {
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(s[bad])));
        throw archive_error("corrupted archive (a " + std::to_string(s.size()) +
                            "-byte text is not valid UTF-8: byte " + byte + " at offset " + std::to_string(bad) + ")");
    }
    return s;
}

template <class Archive, class T>
void save_vector(Archive& ar, const std::vector<T>& v) {
    const std::uint64_t n = v.size();
    ar << n;
    if (n) ar << boost::serialization::make_array(v.data(), v.size());
}

template <class Archive, class T>
std::vector<T> load_vector(Archive& ar) {
    std::vector<T> v(load_length(ar, sizeof(T) > 1 ? 2 : 1));
    if (!v.empty()) ar >> boost::serialization::make_array(v.data(), v.size());
    return v;
}

// Doubles travel as their bit patterns: exact in both formats, and NaN (an
// absent standard error) survives the text archive, which cannot spell it.
template <class Archive>
void save_doubles(Archive& ar, const std::vector<double>& v) {
    std::vector<std::uint64_t> bits(v.size());
    if (!v.empty()) std::memcpy(bits.data(), v.data(), v.size() * sizeof(double));
    save_vector(ar, bits);
}

template <class Archive>
std::vector<double> load_doubles(Archive& ar) {
    const auto bits = load_vector<Archive, std::uint64_t>(ar);
    std::vector<double> v(bits.size());
    if (!v.empty()) std::memcpy(v.data(), bits.data(), bits.size() * sizeof(double));
    return v;
}

template <class Archive>
void save_strings(Archive& ar, const std::vector<std::string>& v) {
    const std::uint64_t n = v.size();
    ar << n;
    for (const auto& s : v) save_string(ar, s);
}

template <class Archive>
std::vector<std::string> load_strings(Archive& ar) {
    const std::uint64_t n = load_length(ar);
    std::vector<std::string> v;
    for (std::uint64_t i = 0; i < n; ++i) v.push_back(load_string(ar));  // grows only as data really arrives
    return v;
}

// Single doubles as bit patterns too.
template <class Archive>
void save_double(Archive& ar, double x) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &x, sizeof x);
    ar << bits;
}

template <class Archive>
double load_double(Archive& ar) {
    std::uint64_t bits = 0;
    ar >> bits;
    double x = 0;
    std::memcpy(&x, &bits, sizeof x);
    return x;
}

inline constexpr std::string_view magic = "GENDEX";
inline constexpr unsigned boost_flags = boost::archive::no_codecvt;

/// The envelope's version: 1 had no length or checksum (still read), 2 has both.
inline constexpr unsigned envelope_version = 2;

/// CRC-32C (Castagnoli) of the archive body, Boost.CRC's implementation: any single-bit and
/// any burst error up to 32 bits changes it, so a damaged archive is never read as data.
inline std::uint32_t crc32c(std::string_view bytes) {
    boost::crc_optimal<32, 0x1EDC6F41, 0xFFFFFFFF, 0xFFFFFFFF, true, true> crc;
    crc.process_bytes(bytes.data(), bytes.size());
    return crc.checksum();
}

/// "GENDEX" + format letter + kind + " 2 <body length> <CRC-32C of the body, 8 hex digits>\n".
inline std::string envelope(ArchiveFormat format, std::string_view kind, std::string_view body) {
    char crc[9];
    std::snprintf(crc, sizeof crc, "%08x", static_cast<unsigned>(crc32c(body)));
    return std::string(magic) + (format == ArchiveFormat::binary ? "B" : "T") + std::string(kind) + " " +
           std::to_string(envelope_version) + " " + std::to_string(body.size()) + " " + crc + "\n";
}

/// The body after a version-2 header's " 2 <length> <crc>\n" (`rest` starts at the space), checked.
inline std::string_view checked_body(std::string_view rest, const std::string& who) {
    const std::size_t end = rest.find('\n');
    if (end == std::string_view::npos || end > 64) throw archive_error(who + ": corrupted archive (header damaged)");
    const std::string header(rest.substr(0, end));
    unsigned version = 0;
    unsigned long long length = 0;
    unsigned crc = 0;
    char tail = 0;
    // Exactly " V L CCCCCCCC": anything else (a flipped digit, a stray byte) is damage.
    if (std::sscanf(header.c_str(), " %u %llu %8x%c", &version, &length, &crc, &tail) != 3 ||
        header != " " + std::to_string(version) + " " + std::to_string(length) + " " + [&] {
            char hex[9];
            std::snprintf(hex, sizeof hex, "%08x", crc);
            return std::string(hex);
        }())
        throw archive_error(who + ": corrupted archive (header damaged)");
    if (version != envelope_version)
        throw archive_error(who + ": archive envelope version " + std::to_string(version) +
                            " is newer than this gendex reads (" + std::to_string(envelope_version) + ")");
    const std::string_view body = rest.substr(end + 1);
    if (body.size() != length)
        throw archive_error(who + ": truncated or corrupted archive (" + std::to_string(body.size()) +
                            " bytes after the header, " + std::to_string(length) + " written)");
    if (crc32c(body) != crc) throw archive_error(who + ": corrupted archive (checksum mismatch)");
    return body;
}

/// The first bytes every Boost archive of a format starts with: the length of
/// "serialization::archive" and the string itself.
inline const std::string& boost_signature(ArchiveFormat format) {
    static const std::string binary = [] {
        std::ostringstream out(std::ios::binary);
        { boost::archive::binary_oarchive ar(out, boost_flags); }
        return out.str().substr(0, sizeof(std::uint64_t) + 22);
    }();
    static const std::string text = "22 serialization::archive ";
    return format == ArchiveFormat::binary ? binary : text;
}

template <class Payload>
std::string write(const Payload& payload, ArchiveFormat format, std::string_view kind) {
    std::ostringstream out(std::ios::binary);
    if (format == ArchiveFormat::binary) {
        boost::archive::binary_oarchive ar(out, boost_flags);
        ar << payload;
    } else {
        boost::archive::text_oarchive ar(out, boost_flags);
        ar << payload;
    }
    const std::string body = std::move(out).str();
    return envelope(format, kind, body) + body;
}

/// Read an archive of `kind`; `what` names the kind in messages ("a dataset").
template <class Payload>
Payload read(std::string_view bytes, std::string_view kind, std::string_view what, std::string_view name) {
    const std::string who(name);
    const std::size_t head = magic.size() + 1 + kind.size() + 1;
    if (bytes.size() < head || bytes.substr(0, magic.size()) != magic)
        throw archive_error(who + ": not a gendex archive (missing GENDEX header)");
    const char fmt = bytes[magic.size()];
    const char after_kind = bytes[head - 1];  // '\n': version 1 (no checksum); ' ': version 2 and later
    if (bytes.substr(magic.size() + 1, kind.size()) != kind || (after_kind != '\n' && after_kind != ' '))
        throw archive_error(who + ": archive does not hold " + std::string(what));
    if (fmt != 'B' && fmt != 'T') {
        // A damaged byte is shown in hex unless printable ASCII: alone it is never valid UTF-8.
        const auto byte = static_cast<unsigned char>(fmt);
        char shown[16];
        std::snprintf(shown, sizeof shown, byte >= 0x20 && byte < 0x7F ? "'%c'" : "byte 0x%02X", byte);
        throw archive_error(who + ": unknown archive format " + shown);
    }
    const std::string_view body = after_kind == '\n' ? bytes.substr(head) : checked_body(bytes.substr(head - 1), who);
    // Boost trusts the length of its own signature string; check it here so a
    // damaged version-1 header cannot make it allocate gigabytes.
    const std::string& signature = boost_signature(fmt == 'B' ? ArchiveFormat::binary : ArchiveFormat::text);
    if (body.substr(0, signature.size()) != signature)
        throw archive_error(who + ": corrupted archive (Boost signature damaged or missing)");
    Payload payload;
    std::istringstream in(std::string(body), std::ios::binary);
    length_budget = bytes.size();
    try {
        if (fmt == 'B') {
            boost::archive::binary_iarchive ar(in, boost_flags);
            ar >> payload;
        } else {
            boost::archive::text_iarchive ar(in, boost_flags);
            ar >> payload;
        }
    } catch (const archive_error& e) {
        throw archive_error(who + ": " + e.what());
    } catch (const boost::archive::archive_exception& e) {
        throw archive_error(who + ": truncated or corrupted archive (" + e.what() + ")");
    } catch (const std::bad_alloc&) {
        throw archive_error(who + ": corrupted archive (a length field is implausible)");
    } catch (const std::ios_base::failure& e) {
        throw archive_error(who + ": truncated archive (" + e.what() + ")");
    } catch (const error& e) {  // a check of the loaded content (dictionary, registry): still damage
        throw archive_error(who + ": corrupted archive (" + e.what() + ")");
    } catch (const std::exception& e) {  // e.g. Boost's base64 decoder on a damaged text archive
        throw archive_error(who + ": corrupted archive (" + e.what() + ")");
    }
    return payload;
}

}  // namespace gendex::archive_support
