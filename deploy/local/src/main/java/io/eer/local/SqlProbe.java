package io.eer.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Logs in once and runs one SQL statement; prints the rows (tab separated, with a header) or the
 * error. Exit status 0 on success, 1 when login or the statement fails.
 *
 * <pre>java -cp ... io.eer.local.SqlProbe jdbc:postgresql://127.0.0.1:25432/payments user password "select 1"</pre>
 */
public final class SqlProbe {

    private SqlProbe() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: SqlProbe <jdbc-url> <user> <password> <sql>");
            System.exit(64);
        }
        Properties p = new Properties();
        p.setProperty("user", args[1]);
        p.setProperty("password", args[2]);
        p.setProperty("connectTimeout", "5");
        p.setProperty("ApplicationName", "eer-sql-probe");
        try (Connection c = DriverManager.getConnection(args[0], p);
             Statement st = c.createStatement()) {
            if (st.execute(args[3])) {
                try (ResultSet rs = st.getResultSet()) {
                    ResultSetMetaData md = rs.getMetaData();
                    StringBuilder header = new StringBuilder();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        header.append(i > 1 ? "\t" : "").append(md.getColumnLabel(i));
                    }
                    System.out.println(header);
                    int rows = 0;
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            row.append(i > 1 ? "\t" : "").append(rs.getString(i));
                        }
                        System.out.println(row);
                        rows++;
                    }
                    System.out.printf("(%d row%s)%n", rows, rows == 1 ? "" : "s");
                }
            } else {
                System.out.printf("OK (%d row%s affected)%n", st.getUpdateCount(), st.getUpdateCount() == 1 ? "" : "s");
            }
        } catch (SQLException e) {
            System.out.println("ERROR " + (e.getSQLState() == null ? "" : "[" + e.getSQLState() + "] ") + e.getMessage());
            System.exit(1);
        }
    }
}
