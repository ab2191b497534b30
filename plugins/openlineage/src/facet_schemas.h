// The schema URLs OpenLineage consumers check events against: the core RunEvent and the `$id` of
// each facet schema file we write (spec 2-0-2, facets as published with it). A facet's
// `_schemaURL` is its file's `$id` plus the pointer to its definition.
#pragma once

namespace mlobs::openlineage {

inline constexpr const char* kRunEventSchemaUrl =
    "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
inline constexpr const char* kSchemaFacetUrl =
    "https://openlineage.io/spec/facets/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet";
inline constexpr const char* kDataSourceFacetUrl =
    "https://openlineage.io/spec/facets/1-0-1/DatasourceDatasetFacet.json#/$defs/"
    "DatasourceDatasetFacet";
inline constexpr const char* kDatasetVersionFacetUrl =
    "https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json#/$defs/"
    "DatasetVersionDatasetFacet";
inline constexpr const char* kOutputStatisticsFacetUrl =
    "https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/"
    "OutputStatisticsOutputDatasetFacet";

}  // namespace mlobs::openlineage
