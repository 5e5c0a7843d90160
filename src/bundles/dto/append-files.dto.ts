import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import { FileRefDto } from './file-ref.dto.js';

export class AppendFilesDto {
  @ApiProperty({ type: [FileRefDto], description: 'Files to add at the end of the bundle' })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => FileRefDto)
  files: FileRefDto[];
}
