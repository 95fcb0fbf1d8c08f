package org.kcskb.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemaQualifiedTest {
    private static final String T = "\"tenant_7\".";

    @Test
    void dataStatements_nameEveryTableAndSequenceInTheSchema() {
        assertThat(SchemaQualified.qualify(
                        "SELECT a.id FROM kb_articles a JOIN kb_revisions r ON r.article_id = a.id WHERE a.id = ?", T))
                .isEqualTo("SELECT a.id FROM \"tenant_7\".kb_articles a JOIN \"tenant_7\".kb_revisions r"
                        + " ON r.article_id = a.id WHERE a.id = ?");
        assertThat(SchemaQualified.qualify("SELECT nextval('kb_article_ids')", T))
                .isEqualTo("SELECT nextval('\"tenant_7\".kb_article_ids')");
        assertThat(SchemaQualified.qualify("UPDATE kb_counters SET current_value = current_value + 1", T))
                .isEqualTo("UPDATE \"tenant_7\".kb_counters SET current_value = current_value + 1");
    }

    @Test
    void namesAlreadyQualified_columnsAndSchemaChanges_areLeftAlone() {
        assertThat(SchemaQualified.qualify("SELECT 1 FROM other.kb_articles", T))
                .isEqualTo("SELECT 1 FROM other.kb_articles");
        assertThat(SchemaQualified.qualify("SELECT \"kb_x\" FROM t", T)).isEqualTo("SELECT \"kb_x\" FROM t");
        assertThat(SchemaQualified.qualify("SELECT my_kb_count FROM t", T)).isEqualTo("SELECT my_kb_count FROM t");
        // PostgreSQL refuses a qualified index name: schema changes run with the schema set instead.
        assertThat(SchemaQualified.qualify("  create index if not exists kb_links_case ON kb_links (case_id)", T))
                .isEqualTo("  create index if not exists kb_links_case ON kb_links (case_id)");
    }
}
