package dev.chard.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

/** The concurrency sweep as a PNG (Java2D, no external tool): throughput against worker concurrency, log2 x axis. */
final class Plot {

    private static final int W = 900;
    private static final int H = 560;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 60;
    private static final int BOTTOM = 70;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728)};
    private static final String[] SERIES = {"end to end, 1 producer thread", "worker capacity, backlog drain"};

    private Plot() {
    }

    static void sweep(Map<Integer, List<double[]>> points, Path png) throws IOException {
        List<Integer> xs = new ArrayList<>(points.keySet());
        xs.sort(null);
        double yMax = 0;
        for (List<double[]> runs : points.values()) {
            for (double[] r : runs) {
                yMax = Math.max(yMax, Math.max(r[0], r[1]));
            }
        }
        yMax = niceCeiling(yMax * 1.1);
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString("Chard: throughput against worker concurrency (one worker JVM, add(x, y))", LEFT, 32);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int x0 = LEFT;
        int y0 = H - BOTTOM;
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;
        double lo = log2(xs.get(0));
        double hi = Math.max(lo + 1, log2(xs.get(xs.size() - 1)));
        // grid and y labels
        for (int i = 0; i <= 5; i++) {
            double v = yMax * i / 5;
            int y = y0 - (int) Math.round(ph * i / 5.0);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(x0, y, x0 + pw, y);
            g.setColor(Color.BLACK);
            String label = String.format("%,.0f", v);
            g.drawString(label, x0 - 10 - g.getFontMetrics().stringWidth(label), y + 5);
        }
        g.drawLine(x0, y0, x0 + pw, y0);
        g.drawLine(x0, y0, x0, TOP);
        for (int c : xs) {
            int x = xPix(c, lo, hi, x0, pw);
            g.drawLine(x, y0, x, y0 + 5);
            String label = Integer.toString(c);
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, y0 + 20);
        }
        g.drawString("worker concurrency (-c), log scale", x0 + pw / 2 - 100, H - 22);
        Graphics2D rot = (Graphics2D) g.create();
        rot.rotate(-Math.PI / 2);
        rot.drawString("tasks per second", -(TOP + ph / 2 + 50), 22);
        rot.dispose();
        for (int s = 0; s < 2; s++) {
            g.setColor(COLORS[s]);
            g.setStroke(new BasicStroke(2.5f));
            int px = -1;
            int py = -1;
            for (int c : xs) {
                List<Double> v = BenchMain.col(points.get(c), s);
                int x = xPix(c, lo, hi, x0, pw);
                int y = yPix(BenchMain.median(v), yMax, y0, ph);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                g.fillOval(x - 5, y - 5, 10, 10);
                if (v.size() > 1) { // the range of the repetitions
                    g.setStroke(new BasicStroke(1.5f));
                    g.drawLine(x, yPix(BenchMain.min(v), yMax, y0, ph), x, yPix(BenchMain.max(v), yMax, y0, ph));
                    g.setStroke(new BasicStroke(2.5f));
                }
                String label = String.format("%,.0f", BenchMain.median(v));
                g.drawString(label, x + 8, y + (s == 0 ? 16 : -8));
                px = x;
                py = y;
            }
            int ly = TOP + 10 + s * 22;
            g.fillRect(x0 + pw - 270, ly - 10, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(SERIES[s], x0 + pw - 250, ly + 2);
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static int xPix(int c, double lo, double hi, int x0, int pw) {
        return x0 + 30 + (int) Math.round((pw - 60) * (log2(c) - lo) / (hi - lo));
    }

    private static int yPix(double v, double yMax, int y0, int ph) {
        return y0 - (int) Math.round(ph * v / yMax);
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    private static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * mag >= v) {
                return step * mag;
            }
        }
        return 10 * mag;
    }
}
