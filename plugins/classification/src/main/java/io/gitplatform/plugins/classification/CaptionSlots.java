package io.gitplatform.plugins.classification;

import io.gitplatform.spi.FinishReason;
import io.gitplatform.spi.TaskContext;
import io.gitplatform.spi.TaskInput;
import io.gitplatform.spi.TextResult;
import io.gitplatform.spi.TokenUsage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Label scoring without a prompt. A label scored right after {@code [CLS]} competes with how captions start ("a
 * red ..."), not with the other labels: on the tiny shapes model that ranks the true shape first for only 8 of 16
 * samples. So the label is scored in every slot of the model's own greedy caption instead: after {@code [CLS]} +
 * caption[:k] for k = 0..len, without a closing {@code [SEP]} (a slot is followed by more caption), and keeps its best
 * slot. All (len + 1) x labels rows go through the decoder in one batched pass.
 */
final class CaptionSlots {
    private CaptionSlots() {
    }

    static Scores score(TaskContext context, TaskInput input, TextResult caption, List<String> labels) {
        long[] words = caption.tokenIds();
        int length = caption.finish() == FinishReason.EOS ? words.length - 1 : words.length; // drop the end token
        List<long[]> prefixes = new ArrayList<>();
        for (int k = 0; k <= length; k++) {
            long[] prefix = new long[k + 1];
            prefix[0] = context.tokens().cls();
            System.arraycopy(words, 0, prefix, 1, k);
            prefixes.add(prefix);
        }
        List<long[]> bodies = new ArrayList<>();
        int labelTokens = 0;
        for (String label : labels) {
            long[] body = context.tokens().encode(label);
            bodies.add(body);
            labelTokens += body.length;
        }
        double[][] bySlot = context.scoreTokens(input, prefixes, bodies); // [slot][label]
        double[] best = new double[labels.size()];
        Arrays.fill(best, Double.NEGATIVE_INFINITY);
        for (double[] slot : bySlot) {
            for (int c = 0; c < best.length; c++) {
                best[c] = Math.max(best[c], slot[c]);
            }
        }
        int slotTokens = (length + 1) * (length + 2) / 2; // sum of the prefix lengths 1..length+1
        int promptTokens = 1 + slotTokens * labels.size() + labelTokens * (length + 1);
        return new Scores(best, new TokenUsage(promptTokens, caption.completionTokens()));
    }
}
