package org.kcskb.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TransferListenerTest {
    private static TransferProgress of(long done, long total) {
        return new TransferProgress(done, OptionalLong.of(total), 0);
    }

    @Test
    void share_reportsEqualPartsDoneOneAfterTheOther_asOneWorkOfThePartsTotal() {
        var seen = new ArrayList<TransferProgress>();
        TransferListener whole = seen::add;

        for (int part = 0; part < 2; part++) {
            TransferListener share = whole.share(part, 2);
            share.progress(of(0, 10));
            share.progress(of(5, 10));
            share.progress(of(10, 10));
        }

        assertThat(seen).extracting(TransferProgress::done).containsExactly(0L, 2L, 5L, 5L, 7L, 10L);
        assertThat(seen).allSatisfy(p -> assertThat(p.total()).hasValue(10));
        assertThat(whole.share(0, 1)).isSameAs(whole);
    }

    @Test
    void share_passesProgressWithoutATotalAsItIs_andRefusesAPartOutsideTheParts() {
        var seen = new ArrayList<TransferProgress>();
        TransferListener whole = seen::add;
        whole.share(1, 3).progress(new TransferProgress(4, OptionalLong.empty(), 1));

        assertThat(seen).isEqualTo(List.of(new TransferProgress(4, OptionalLong.empty(), 1)));
        assertThatThrownBy(() -> whole.share(2, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> whole.share(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
