package org.sam2long.engine.shot;

import org.sam2long.engine.frame.FrameSource;

/**
 * The one mapping between plate frame numbers (what an artist sees: 1001, 1002, ...) and a clip's
 * 0-based indices. Every message about a frame uses the plate number.
 */
public final class PlateFrames {
    private final int[] numbers;
    private final String describe;

    private PlateFrames(int[] numbers, String describe) {
        this.numbers = numbers;
        this.describe = describe;
    }

    /** The plate numbers of a clip, read once. */
    public static PlateFrames of(FrameSource clip) {
        int[] n = new int[clip.frameCount()];
        for (int i = 0; i < n.length; i++) {
            n[i] = clip.frameNumber(i);
        }
        return new PlateFrames(n, clip.describe());
    }

    /** Consecutive plate numbers {@code first .. first + count - 1}. */
    public static PlateFrames consecutive(int first, int count, String describe) {
        int[] n = new int[count];
        for (int i = 0; i < count; i++) {
            n[i] = first + i;
        }
        return new PlateFrames(n, describe);
    }

    public int count() { return numbers.length; }

    public int first() { return numbers.length == 0 ? 0 : numbers[0]; }

    public int last() { return numbers.length == 0 ? -1 : numbers[numbers.length - 1]; }

    /** The plate number of a clip index. */
    public int plate(int index) { return numbers[index]; }

    /** The clip index of a plate number, or -1 when the clip has no such frame. */
    public int indexOrMinusOne(int plate) {
        int idx = java.util.Arrays.binarySearch(numbers, plate);
        if (idx >= 0) {
            return idx;
        }
        for (int i = 0; i < numbers.length; i++) {  // numbering not ascending: look at every frame
            if (numbers[i] == plate) {
                return i;
            }
        }
        return -1;
    }

    /** The clip index of a plate number; fails with a sentence naming the clip's range. */
    public int index(int plate, String what) {
        int idx = indexOrMinusOne(plate);
        if (idx < 0) {
            throw new IllegalArgumentException(what + " is on plate frame " + plate + ", but " + describe
                    + " has plate frames " + range());
        }
        return idx;
    }

    /** "1001..1100", for messages. */
    public String range() {
        return numbers.length == 0 ? "(none)" : first() + ".." + last();
    }

    public String describe() { return describe; }
}
