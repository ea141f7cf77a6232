package io.gitplatform.app.api;

import io.gitplatform.app.engine.ModelHolder;
import io.gitplatform.core.platform.TaskDescriptor;
import io.gitplatform.spi.OptionType;
import io.gitplatform.spi.TaskOption;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The OpenAPI document lists every task the started plugins serve: one {@code POST /api/v1/tasks/<id>} per task, its
 * form built from the task's option descriptors (types, defaults, allowed values, ranges, required), so a third-party
 * task is documented without any code of its own. Built when the document is requested (plugins come and go).
 */
@Component
public class TaskOpenApi implements OpenApiCustomizer {
    private final ModelHolder model;

    public TaskOpenApi(ModelHolder model) {
        this.model = model;
    }

    @Override
    public void customise(OpenAPI openApi) {
        List<TaskDescriptor> tasks;
        try {
            tasks = model.ready() ? model.platform().tasks() : List.of();
        } catch (RuntimeException e) {
            return; // no model yet: the generic /api/v1/tasks/{task} stays documented
        }
        for (TaskDescriptor task : tasks) {
            openApi.path("/api/v1/tasks/" + task.id(), new PathItem().post(operation(task)));
        }
    }

    private static Operation operation(TaskDescriptor task) {
        ObjectSchema form = new ObjectSchema();
        form.addProperty("file", new StringSchema().format("binary").description("the image or video ("
                + TasksController.inputs(task) + ")"));
        List<String> required = new ArrayList<>(List.of("file"));
        for (TaskOption o : task.options()) {
            form.addProperty(o.name(), schema(o));
            if (o.required()) {
                required.add(o.name());
            }
        }
        form.setRequired(required);
        return new Operation().operationId("task_" + task.id().replace('-', '_')).addTagsItem("tasks")
                .summary(task.description() + " (plugin " + task.pluginId() + ")")
                .requestBody(new RequestBody().required(true).content(new Content().addMediaType(
                        org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE, new MediaType().schema(form))))
                .responses(new ApiResponses()
                        .addApiResponse("200", new ApiResponse().description("the task's result (TaskResponse)"))
                        .addApiResponse("400", new ApiResponse().description("an option or the upload is invalid"))
                        .addApiResponse("503", new ApiResponse().description("the task is not available")));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> schema(TaskOption o) {
        Schema s = switch (o.type()) {
            case STRING -> new StringSchema();
            case STRING_LIST -> new ArraySchema().items(new StringSchema());
            case INTEGER -> new IntegerSchema();
            case NUMBER -> new NumberSchema();
            case BOOLEAN -> new BooleanSchema();
        };
        s.description(o.description());
        if (o.defaultValue() != null) {
            s.setDefault(o.defaultValue());
        }
        if (!o.allowed().isEmpty()) {
            Schema target = o.type() == OptionType.STRING_LIST ? ((ArraySchema) s).getItems() : s;
            target.setEnum(new ArrayList<>(o.allowed()));
        }
        if (o.min() != null) {
            s.setMinimum(BigDecimal.valueOf(o.min()));
        }
        if (o.max() != null) {
            s.setMaximum(BigDecimal.valueOf(o.max()));
        }
        return s;
    }
}
