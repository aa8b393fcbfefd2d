package io.eer.grant.infra.out.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PgSqlTest {

    @Test
    void identifier_quotesValidNames() {
        assertThat(PgSql.identifier("db_admin")).isEqualTo("\"db_admin\"");
    }

    @Test
    void identifier_refusesAnythingButAPlainName() {
        assertThatThrownBy(() -> PgSql.identifier("db_admin\" SUPERUSER --")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PgSql.identifier("x; DROP ROLE eer")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PgSql.identifier(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void catalogIdentifier_doublesEmbeddedQuotes() {
        assertThat(PgSql.catalogIdentifier("we\"ird")).isEqualTo("\"we\"\"ird\"");
    }

    @Test
    void literal_doublesQuotes_andEscapesBackslashesInEForm() {
        assertThat(PgSql.literal("2026-11-26T10:00:00Z")).isEqualTo("'2026-11-26T10:00:00Z'");
        assertThat(PgSql.literal("it's")).isEqualTo("'it''s'");
        assertThat(PgSql.literal("a\\'; DROP ROLE x; --")).isEqualTo("E'a\\\\''; DROP ROLE x; --'");
        assertThatThrownBy(() -> PgSql.literal("nul\0")).isInstanceOf(IllegalArgumentException.class);
    }
}
