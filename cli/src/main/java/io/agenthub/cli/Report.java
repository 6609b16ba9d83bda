package io.agenthub.cli;

import io.agenthub.core.backtest.BacktestResult;
import io.agenthub.core.backtest.Statistics;
import io.agenthub.core.backtest.Trade;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Tables for the terminal and files (CSV, JSON) for the rest. */
final class Report {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private Report() {
    }

    static List<String[]> statisticsRows(Statistics s) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"total return", pct(s.totalReturn())});
        rows.add(new String[]{"CAGR", pct(s.cagr())});
        rows.add(new String[]{"max drawdown", share(s.maxDrawdown())});
        rows.add(new String[]{"Sharpe", num(s.sharpe())});
        rows.add(new String[]{"Sortino", num(s.sortino())});
        rows.add(new String[]{"win rate", share(s.winRate())});
        rows.add(new String[]{"profit factor", num(s.profitFactor())});
        rows.add(new String[]{"exposure", share(s.exposure())});
        rows.add(new String[]{"trades", Integer.toString(s.trades())});
        rows.add(new String[]{"net P&L", s.netPnl().toPlainString()});
        rows.add(new String[]{"fees", s.fees().toPlainString()});
        return rows;
    }

    static String table(String[] header, List<String[]> rows) {
        int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = header[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, widths);
        StringBuilder rule = new StringBuilder();
        for (int w : widths) {
            rule.append("-".repeat(w)).append("  ");
        }
        sb.append(rule.toString().stripTrailing()).append('\n');
        rows.forEach(r -> line(sb, r, widths));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] widths) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            boolean numeric = i > 0 && !cell.isEmpty() && (Character.isDigit(cell.charAt(0)) || cell.charAt(0) == '-' || cell.charAt(0) == '+');
            l.append(numeric ? String.format("%" + widths[i] + "s", cell) : String.format("%-" + widths[i] + "s", cell)).append("  ");
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    static String pct(double value) {
        return Double.isNaN(value) ? "-" : Double.isInfinite(value) ? "inf" : String.format(Locale.ROOT, "%+.2f%%", 100 * value);
    }

    /** A share without a sign: drawdown, win rate, exposure. */
    static String share(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * value);
    }

    static String num(double value) {
        return Double.isNaN(value) ? "-" : Double.isInfinite(value) ? "inf" : String.format(Locale.ROOT, "%.2f", value);
    }

    static void writeBacktest(Path dir, BacktestResult result) throws IOException {
        Files.createDirectories(dir);
        List<String> trades = new ArrayList<>();
        trades.add("side,entry_time,entry_price,exit_time,exit_price,quantity,fees,net_pnl,exit_reason");
        for (Trade t : result.trades()) {
            trades.add(String.join(",", t.side().name().toLowerCase(Locale.ROOT), Instant.ofEpochMilli(t.entryTime()).toString(),
                    t.entryPrice().toPlainString(), Instant.ofEpochMilli(t.exitTime()).toString(), t.exitPrice().toPlainString(),
                    t.quantity().toPlainString(), t.fees().toPlainString(), t.netPnl().toPlainString(), t.exitReason()));
        }
        Files.write(dir.resolve("trades.csv"), trades);
        List<String> equity = new ArrayList<>(result.equity().length + 1);
        equity.add("time,equity");
        for (int i = 0; i < result.equity().length; i++) {
            equity.add(Instant.ofEpochMilli(result.barTimes()[i]) + "," + String.format(Locale.ROOT, "%.8f", result.equity()[i]));
        }
        Files.write(dir.resolve("equity.csv"), equity);
        ObjectNode summary = JSON.createObjectNode();
        summary.put("strategy", result.spec().strategy().name());
        ObjectNode params = summary.putObject("parameters");
        result.spec().parameters().asMap().forEach(params::put);
        summary.put("threshold", result.spec().threshold());
        summary.set("statistics", statistics(result.statistics()));
        Files.writeString(dir.resolve("summary.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
    }

    static ObjectNode statistics(Statistics s) {
        ObjectNode node = JSON.createObjectNode();
        put(node, "total_return", s.totalReturn());
        put(node, "cagr", s.cagr());
        put(node, "max_drawdown", s.maxDrawdown());
        put(node, "sharpe", s.sharpe());
        put(node, "sortino", s.sortino());
        put(node, "win_rate", s.winRate());
        put(node, "profit_factor", s.profitFactor());
        put(node, "exposure", s.exposure());
        node.put("trades", s.trades());
        node.put("net_pnl", s.netPnl().toPlainString());
        node.put("fees", s.fees().toPlainString());
        return node;
    }

    private static void put(ObjectNode node, String name, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }

    static ObjectMapper json() {
        return JSON;
    }
}
