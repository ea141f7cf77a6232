package com.example.captions;

import io.gitplatform.starter.task.GitCaptionService;
import java.nio.file.Path;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Captions the videos given on the command line: {@code java -jar captions.jar clip.mp4}. */
@SpringBootApplication
public class CaptionsApplication {

    public static void main(String[] args) {
        SpringApplication.run(CaptionsApplication.class, args);
    }

    @Bean
    CommandLineRunner captionFiles(GitCaptionService captions) {
        return args -> {
            for (String file : args) {
                System.out.println(file + ": " + captions.caption(Path.of(file)).text());
            }
        };
    }
}
