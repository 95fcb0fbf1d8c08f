/**
 * The library's article format, JSON lines ({@link org.kcskb.transfer.json.ArticleJsonLines}), read and written with
 * Jackson's streaming and tree API (no data binding of this module's types).
 */
module org.kcskb.transfer {
    requires transitive org.kcskb.core;
    requires com.fasterxml.jackson.databind;

    exports org.kcskb.transfer.json;
}
