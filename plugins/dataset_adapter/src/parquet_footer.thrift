// The part of Parquet's FileMetaData (parquet-format's parquet.thrift) that the dataset adapter
// reads, with the field ids of the real thing. The compact protocol skips every field not named
// here (row groups, column orders, encryption), so the footer is read without its column chunks
// being decoded. Everything is optional here: the reader checks what it needs and says which
// part is missing, instead of a generated "required field" exception.
namespace cpp mlobs.parquet.thrift

struct KeyValue {
  1: optional string key
  2: optional string value
}

struct SchemaElement {
  4: optional string name
  5: optional i32 num_children
}

struct FileMetaData {
  1: optional i32 version
  2: optional list<SchemaElement> schema
  3: optional i64 num_rows
  5: optional list<KeyValue> key_value_metadata
  6: optional string created_by
}
