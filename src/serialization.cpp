// Boost.Serialization instantiations live here so the public headers stay free of Boost.
#include "gendex/serialization.hpp"

#include <boost/archive/archive_exception.hpp>
#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>
#include <boost/archive/text_iarchive.hpp>
#include <boost/archive/text_oarchive.hpp>
#include <boost/serialization/array_wrapper.hpp>
#include <boost/serialization/binary_object.hpp>
#include <boost/serialization/split_free.hpp>
#include <boost/serialization/version.hpp>
#include <cstring>
#include <sstream>

#include "gendex/io/tidy_csv.hpp"

namespace gendex::archive_detail {

// Every length read from an archive must fit in the bytes the archive has;
// set per load, per thread.
thread_local std::size_t length_budget = 0;

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
    std::vector<T> v(load_length(ar));
    if (!v.empty()) ar >> boost::serialization::make_array(v.data(), v.size());
    return v;
}

// Doubles travel as their bit patterns: exact in both formats, and NaN (an
// absent standard error) survives the text archive, which cannot spell it.
template <class Archive>
void save_doubles(Archive& ar, const std::vector<double>& v) {
    std::vector<std::uint64_t> bits(v.size());
    std::memcpy(bits.data(), v.data(), v.size() * sizeof(double));
    save_vector(ar, bits);
}

template <class Archive>
std::vector<double> load_doubles(Archive& ar) {
    const auto bits = load_vector<Archive, std::uint64_t>(ar);
    std::vector<double> v(bits.size());
    std::memcpy(v.data(), bits.data(), bits.size() * sizeof(double));
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

/// Boost needs a named type to attach a class version to.
struct DatasetPayload {
    DatasetColumns columns;
};
struct HierarchyPayload {
    std::vector<Region> regions;
    std::vector<std::pair<std::string, std::string>> aliases;
};

}  // namespace gendex::archive_detail

BOOST_CLASS_VERSION(gendex::archive_detail::DatasetPayload, gendex::dataset_archive_version)
BOOST_CLASS_VERSION(gendex::archive_detail::HierarchyPayload, gendex::hierarchy_archive_version)

namespace boost::serialization {

using gendex::archive_detail::DatasetPayload;
using gendex::archive_detail::HierarchyPayload;
namespace ad = gendex::archive_detail;

template <class Archive>
void save(Archive& ar, const DatasetPayload& p, unsigned /*version*/) {
    const auto& c = p.columns;
    for (const auto* d : {&c.regions, &c.indicators, &c.age_groups, &c.units, &c.sources}) ad::save_strings(ar, d->strings());
    for (const auto* v : {&c.region, &c.indicator, &c.age_group, &c.unit, &c.source}) ad::save_vector(ar, *v);
    ad::save_vector(ar, c.period);
    std::vector<std::uint8_t> sex(c.sex.size());
    for (std::size_t i = 0; i < sex.size(); ++i) sex[i] = static_cast<std::uint8_t>(c.sex[i]);
    ad::save_vector(ar, sex);
    ad::save_doubles(ar, c.value);
    ad::save_doubles(ar, c.se);
}

template <class Archive>
void load(Archive& ar, DatasetPayload& p, unsigned version) {
    if (version == 0 || version > gendex::dataset_archive_version)
        throw gendex::archive_error("Dataset archive has class version " + std::to_string(version) +
                                    "; this gendex reads versions 1 to " +
                                    std::to_string(gendex::dataset_archive_version));
    auto& c = p.columns;
    const char* names[] = {"region", "indicator", "age_group", "unit", "source"};
    int k = 0;
    for (auto* d : {&c.regions, &c.indicators, &c.age_groups, &c.units, &c.sources})
        *d = gendex::StringDictionary::from_strings(ad::load_strings(ar), std::string("archive dictionary '") + names[k++] + "'");
    for (auto* v : {&c.region, &c.indicator, &c.age_group, &c.unit, &c.source}) *v = ad::load_vector<Archive, gendex::code_t>(ar);
    c.period = ad::load_vector<Archive, std::int32_t>(ar);
    const auto sex = ad::load_vector<Archive, std::uint8_t>(ar);
    c.sex.resize(sex.size());
    for (std::size_t i = 0; i < sex.size(); ++i) {
        if (sex[i] > 2) throw gendex::archive_error("row " + std::to_string(i) + ": invalid sex code in archive");
        c.sex[i] = static_cast<gendex::Sex>(sex[i]);
    }
    c.value = ad::load_doubles(ar);
    c.se = ad::load_doubles(ar);
}

template <class Archive>
void save(Archive& ar, const HierarchyPayload& p, unsigned /*version*/) {
    const std::uint64_t n = p.regions.size();
    ar << n;
    for (const auto& r : p.regions)
        for (const auto* s : {&r.code, &r.name, &r.parent, &r.level}) ad::save_string(ar, *s);
    const std::uint64_t m = p.aliases.size();
    ar << m;
    for (const auto& [alias, code] : p.aliases) ad::save_string(ar, alias), ad::save_string(ar, code);
}

template <class Archive>
void load(Archive& ar, HierarchyPayload& p, unsigned version) {
    if (version == 0 || version > gendex::hierarchy_archive_version)
        throw gendex::archive_error("RegionHierarchy archive has class version " + std::to_string(version) +
                                    "; this gendex reads versions 1 to " +
                                    std::to_string(gendex::hierarchy_archive_version));
    const std::uint64_t n = ad::load_length(ar, 4);
    for (std::uint64_t i = 0; i < n; ++i) {
        gendex::Region r;
        for (auto* s : {&r.code, &r.name, &r.parent, &r.level}) *s = ad::load_string(ar);
        p.regions.push_back(std::move(r));
    }
    const std::uint64_t m = ad::load_length(ar, 2);
    for (std::uint64_t i = 0; i < m; ++i) {
        std::string alias = ad::load_string(ar);
        std::string code = ad::load_string(ar);
        p.aliases.emplace_back(std::move(alias), std::move(code));
    }
}

template <class Archive>
void serialize(Archive& ar, DatasetPayload& p, unsigned version) {
    split_free(ar, p, version);
}
template <class Archive>
void serialize(Archive& ar, HierarchyPayload& p, unsigned version) {
    split_free(ar, p, version);
}

}  // namespace boost::serialization

namespace gendex {
namespace {

constexpr std::string_view magic = "GENDEX";
constexpr unsigned boost_flags = boost::archive::no_codecvt;

std::string envelope(ArchiveFormat format, std::string_view kind) {
    return std::string(magic) + (format == ArchiveFormat::binary ? "B" : "T") + std::string(kind) + "\n";
}

/// The first bytes every Boost archive of a format starts with: the length of
/// "serialization::archive" and the string itself.
const std::string& boost_signature(ArchiveFormat format) {
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
    out << envelope(format, kind);
    if (format == ArchiveFormat::binary) {
        boost::archive::binary_oarchive ar(out, boost_flags);
        ar << payload;
    } else {
        boost::archive::text_oarchive ar(out, boost_flags);
        ar << payload;
    }
    return std::move(out).str();
}

template <class Payload>
Payload read(std::string_view bytes, std::string_view kind, std::string_view name) {
    const std::string who(name);
    const std::size_t head = magic.size() + 1 + kind.size() + 1;
    if (bytes.size() < head || bytes.substr(0, magic.size()) != magic)
        throw archive_error(who + ": not a gendex archive (missing GENDEX header)");
    const char fmt = bytes[magic.size()];
    if (bytes.substr(magic.size() + 1, kind.size() + 1) != std::string(kind) + "\n")
        throw archive_error(who + ": archive does not hold a " + std::string(kind));
    if (fmt != 'B' && fmt != 'T') throw archive_error(who + ": unknown archive format '" + std::string(1, fmt) + "'");
    // Boost trusts the length of its own signature string; check it here so a
    // damaged header cannot make it allocate gigabytes.
    const std::string_view body = bytes.substr(head);
    const std::string& signature = boost_signature(fmt == 'B' ? ArchiveFormat::binary : ArchiveFormat::text);
    if (body.substr(0, signature.size()) != signature)
        throw archive_error(who + ": corrupted archive (Boost signature damaged or missing)");
    Payload payload;
    std::istringstream in(std::string(body), std::ios::binary);
    archive_detail::length_budget = bytes.size();
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
    } catch (const error&) {
        throw;
    } catch (const std::exception& e) {  // e.g. Boost's base64 decoder on a damaged text archive
        throw archive_error(who + ": corrupted archive (" + e.what() + ")");
    }
    return payload;
}

}  // namespace

std::string to_archive(const Dataset& ds, ArchiveFormat format) {
    return write(archive_detail::DatasetPayload{ds.columns()}, format, "dataset");
}

std::string to_archive(const RegionHierarchy& h, ArchiveFormat format) {
    return write(archive_detail::HierarchyPayload{h.regions(), h.aliases()}, format, "hierarchy");
}

Dataset dataset_from_archive(std::string_view bytes, std::string_view name) {
    auto payload = read<archive_detail::DatasetPayload>(bytes, "dataset", name);
    try {
        return Dataset::from_columns(std::move(payload.columns), nullptr);
    } catch (const error& e) {
        throw archive_error(std::string(name) + ": corrupted archive (" + e.what() + ")");
    }
}

RegionHierarchy hierarchy_from_archive(std::string_view bytes, std::string_view name) {
    auto payload = read<archive_detail::HierarchyPayload>(bytes, "hierarchy", name);
    try {
        auto h = RegionHierarchy::from_regions(std::move(payload.regions));
        for (const auto& [alias, code] : payload.aliases) h.add_alias(alias, code);
        return h;
    } catch (const error& e) {
        throw archive_error(std::string(name) + ": corrupted archive (" + e.what() + ")");
    }
}

void save(const Dataset& ds, const std::filesystem::path& path, ArchiveFormat format) {
    io::write_file_atomically(path, to_archive(ds, format));
}
void save(const RegionHierarchy& h, const std::filesystem::path& path, ArchiveFormat format) {
    io::write_file_atomically(path, to_archive(h, format));
}
Dataset load_dataset(const std::filesystem::path& path) { return dataset_from_archive(io::read_file(path), path.string()); }
RegionHierarchy load_hierarchy(const std::filesystem::path& path) {
    return hierarchy_from_archive(io::read_file(path), path.string());
}

}  // namespace gendex
