package org.qinglang.app.check;

import org.qinglang.core.classify.ModelFileException;
import org.qinglang.core.classify.ShippedModel;
import org.qinglang.core.lexicon.FeatureLibrary;
import org.qinglang.core.lexicon.LibraryFile;
import org.qinglang.core.verdict.Moderator;
import org.qinglang.core.verdict.Thresholds;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The server's one Moderator (审核器): the shipped feature library, the shipped fast model, default thresholds. */
@Configuration
class ModeratorConfig {

    @Bean
    Moderator moderator() throws ModelFileException {
        FeatureLibrary library = FeatureLibrary.compile(LibraryFile.defaultLibrary().entries());
        return new Moderator(library, ShippedModel.loadFast(), Thresholds.defaults());
    }
}
