// Boost.Serialization instantiations live here so the public headers stay free of Boost.
#include "gendex/serialization.hpp"

#include "archive_support.hpp"
#include "gendex/io/tidy_csv.hpp"

namespace gendex::archive_detail {

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
namespace ad = gendex::archive_support;

template <class Archive>
void save(Archive& ar, const DatasetPayload& p, unsigned /*version*/) {
    const auto& c = p.columns;
    for (const auto* d : {&c.regions, &c.indicators, &c.age_groups, &c.units, &c.sources})
        ad::save_strings(ar, d->strings());
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
        *d = gendex::StringDictionary::from_strings(ad::load_strings(ar),
                                                    std::string("archive dictionary '") + names[k++] + "'");
    for (auto* v : {&c.region, &c.indicator, &c.age_group, &c.unit, &c.source})
        *v = ad::load_vector<Archive, gendex::code_t>(ar);
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

using archive_support::read;
using archive_support::write;

std::string to_archive(const Dataset& ds, ArchiveFormat format) {
    return write(archive_detail::DatasetPayload{ds.columns()}, format, "dataset");
}

std::string to_archive(const RegionHierarchy& h, ArchiveFormat format) {
    return write(archive_detail::HierarchyPayload{h.regions(), h.aliases()}, format, "hierarchy");
}

Dataset dataset_from_archive(std::string_view bytes, std::string_view name, const IndicatorRegistry& registry) {
    auto payload = read<archive_detail::DatasetPayload>(bytes, "dataset", "a dataset", name);
    try {
        // The same checks as every other way in (CSV, frames): known indicators, values in range.
        return Dataset::from_columns(std::move(payload.columns), &registry);
    } catch (const error& e) {
        throw archive_error(std::string(name) + ": corrupted archive (" + e.what() + ")");
    }
}

RegionHierarchy hierarchy_from_archive(std::string_view bytes, std::string_view name) {
    auto payload = read<archive_detail::HierarchyPayload>(bytes, "hierarchy", "a hierarchy", name);
    try {
        auto h = RegionHierarchy::from_regions(std::move(payload.regions));
        for (const auto& [alias, code] : payload.aliases) h.add_alias(alias, code);
        return h;
    } catch (const error& e) {
        throw archive_error(std::string(name) + ": corrupted archive (" + e.what() + ")");
    }
}

void save(const Dataset& ds, const std::filesystem::path& path, ArchiveFormat format) {
    io::write_file(path, to_archive(ds, format));
}
void save(const RegionHierarchy& h, const std::filesystem::path& path, ArchiveFormat format) {
    io::write_file(path, to_archive(h, format));
}
Dataset load_dataset(const std::filesystem::path& path, const IndicatorRegistry& registry) {
    return dataset_from_archive(io::read_file(path), path.string(), registry);
}
RegionHierarchy load_hierarchy(const std::filesystem::path& path) {
    return hierarchy_from_archive(io::read_file(path), path.string());
}

}  // namespace gendex
