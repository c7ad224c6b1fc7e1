import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

export const TITLE_MAX_LENGTH = 200;

export const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

export class CreateTodoDto {
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(TITLE_MAX_LENGTH)
  // PostgreSQL cannot store the NUL character in text.
  @Matches(/^[^\0]*$/, { message: 'title must not contain NUL characters' })
  title: string;
}
