import { PartialType } from '@nestjs/mapped-types';
import { IsBoolean, ValidateIf } from 'class-validator';
import { CreateTodoDto } from './create-todo.dto.js';

/**
 * Every field of CreateTodoDto, optional, with the same rules, plus `done`.
 * Absent means "leave as is"; null is not a value the columns take, so it
 * is validated (and refused) like any other.
 */
export class UpdateTodoDto extends PartialType(CreateTodoDto, {
  skipNullProperties: false,
}) {
  @ValidateIf((_dto: UpdateTodoDto, value: unknown) => value !== undefined)
  @IsBoolean()
  done?: boolean;
}
