package io.eer.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;

/**
 * Draws latency distributions the way HdrHistogram plots them: x is the percentile on a log scale
 * (0, 90, 99, 99.9 %), y the latency in milliseconds, one line per series. Plain Java2D (headless).
 */
final class Plot {

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22)};
    private static final int W = 1100;
    private static final int H = 650;
    private static final int LEFT = 80;
    private static final int RIGHT = 330;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final double MAX_X = 3; // log10(1 / (1 - 0.999))

    private final Map<String, Histogram> series = new LinkedHashMap<>();

    void add(String name, Histogram micros) {
        if (micros.getTotalCount() > 0) {
            series.put(name, micros);
        }
    }

    void write(Path png, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        double maxMs = series.values().stream().mapToDouble(h -> h.getValueAtPercentile(99.9) / 1000.0).max()
                .orElse(1);
        maxMs = niceCeiling(maxMs);
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(LEFT, TOP, plotW, plotH);
        String[] xLabels = {"0%", "90%", "99%", "99.9%"};
        for (int i = 0; i <= 3; i++) {
            int x = LEFT + (int) (plotW * i / MAX_X);
            g.setColor(new Color(0xdddddd));
            g.drawLine(x, TOP, x, TOP + plotH);
            g.setColor(Color.BLACK);
            g.drawString(xLabels[i], x - 12, TOP + plotH + 18);
        }
        g.drawString("percentile", LEFT + plotW / 2 - 30, H - 15);
        for (int i = 0; i <= 5; i++) {
            int y = TOP + plotH - plotH * i / 5;
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setColor(Color.BLACK);
            g.drawString(format(maxMs * i / 5) + " ms", 8, y + 4);
        }
        int c = 0;
        for (Map.Entry<String, Histogram> entry : series.entrySet()) {
            Color color = COLORS[c % COLORS.length];
            g.setColor(color);
            g.setStroke(new BasicStroke(2f));
            int prevX = -1;
            int prevY = -1;
            for (int step = 0; step <= 300; step++) {
                double xLog = MAX_X * step / 300;
                double percentile = 100 * (1 - Math.pow(10, -xLog));
                double ms = entry.getValue().getValueAtPercentile(percentile) / 1000.0;
                int x = LEFT + (int) (plotW * xLog / MAX_X);
                int y = TOP + plotH - (int) Math.min(plotH, plotH * ms / maxMs);
                if (prevX >= 0) {
                    g.drawLine(prevX, prevY, x, y);
                }
                prevX = x;
                prevY = y;
            }
            int ly = TOP + 20 + 22 * c;
            g.fillRect(W - RIGHT + 20, ly - 10, 14, 10);
            g.setColor(Color.BLACK);
            g.drawString(entry.getKey(), W - RIGHT + 40, ly);
            c++;
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(v, 0.001))));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= v) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String format(double ms) {
        return ms >= 100 ? String.format("%.0f", ms) : String.format("%.1f", ms);
    }
}
