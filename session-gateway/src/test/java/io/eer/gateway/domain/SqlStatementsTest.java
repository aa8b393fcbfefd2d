package io.eer.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SqlStatementsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "select * from t|SELECT",
            "  (SELECT 1)|SELECT",
            "with x as (select 1) delete from t using x|DML",
            "with x as (delete from t returning *) select * from x|SELECT",
            "INSERT INTO t VALUES (1)|DML",
            "update t set a = 1|DML",
            "copy t from stdin|DML",
            "create table t (a int)|DDL",
            "drop index i|DDL",
            "grant select on t to bob|DCL",
            "set role admin|DCL",
            "set search_path = x|OTHER",
            "begin|TCL",
            "commit|TCL",
            "prepare transaction foo|TCL",
            "vacuum|DDL"})
    void kind_comesFromTheFirstKeyword(String sql, StatementKind kind) {
        assertThat(SqlStatements.kind(sql.replace("\\n", "\n"))).isEqualTo(kind);
    }

    @Test
    void comments_andDollarQuotedBodies_hideTheirKeywords() {
        assertThat(SqlStatements.kind("/* select */ -- update\n do $$ begin delete from t; end $$"))
                .isEqualTo(StatementKind.OTHER);
        assertThat(SqlStatements.objects("do $$ begin delete from t; end $$")).isEmpty();
        assertThat(SqlStatements.objects("grant select on payments.invoices to bob")).containsExactly("payments.invoices");
    }

    @Test
    void objects_areTheNamesAfterFromJoinIntoUpdateAndDdl() {
        assertThat(SqlStatements.objects("select a from payments.invoices i join \"Odd\"\"Name\" o on o.id = i.id"))
                .containsExactly("payments.invoices", "Odd\"Name");
        assertThat(SqlStatements.objects("insert into audit_log select * from staging")).containsExactly("audit_log",
                "staging");
        assertThat(SqlStatements.objects("update only t set a = 'from x'")).containsExactly("t");
        assertThat(SqlStatements.objects("create table if not exists s.t (a int)")).containsExactly("s.t");
        assertThat(SqlStatements.objects("drop role if exists eve")).containsExactly("eve");
        assertThat(SqlStatements.objects("select 'from secret' -- from hidden")).isEmpty();
    }

    @Test
    void redactLiterals_replacesStringsDollarQuotesAndNumbers_butNotNames() {
        assertThat(SqlStatements.redactLiterals(
                "update staff set salary = 120000.50, note = E'it\\'s', tag = $t$x$t$ where \"name\" = 'Ann''s' and id=$1"))
                .isEqualTo("update staff set salary = ?, note = ?, tag = ? where \"name\" = ? and id=$1");
    }
}
